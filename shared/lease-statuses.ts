// A lease's statuses, without zod: the dashboard's Secrets page reads them on its first load (decision 1311), the
// server's schema (schemas/leases.ts) and database enum are built from them.

export const LEASE_STATUSES = ["creating", "active", "revoking", "revoked", "revoke_failed", "expired"] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];

/** Statuses in which an IAM user may exist: the lease counts against the quota and is shown as active. */
export const LIVE_LEASE_STATUSES = [
  "creating",
  "active",
  "revoking",
  "revoke_failed",
] as const satisfies readonly LeaseStatus[];
