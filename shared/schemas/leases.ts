import { z } from "zod";
import { LEASE_STATUSES, type LeaseStatus, LIVE_LEASE_STATUSES } from "../lease-statuses.ts";
import { timestampSchema } from "./common.ts";
import {
  booleanInputSchema,
  dynamicSecretSchema,
  leaseTtlSchema,
  lowercasedDynamicSecretNameSchema,
  secretLocationSchema,
} from "./dynamic-secrets.ts";

// Leases of dynamic secrets (../shared/API.md, "Leases"). The lease object is Infisical's;
// `username`, `createdBy`, `revokedAt`, `revokedBy`, `revokeAttempts`, `nextAttemptAt`,
// `lastError` and `creationError` are additions of ours for the dashboard.

const leaseStatusSchema = z.enum(LEASE_STATUSES);

export { LEASE_STATUSES, type LeaseStatus, LIVE_LEASE_STATUSES };

const leaseActorSchema = z.object({
  type: z.enum(["user", "identity", "system"]),
  id: z.string().nullable(),
  name: z.string(),
});
export type LeaseActor = z.infer<typeof leaseActorSchema>;

const leaseSchema = z
  .object({
    id: z.uuid(),
    dynamicSecretId: z.uuid(),
    /** The IAM user name (Infisical's name for the provider's entity). */
    externalEntityId: z.string(),
    expireAt: timestampSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    version: z.number().int(),
    status: leaseStatusSchema,
    /**
     * For revoke_failed: the last AWS error and the next retry;
     * for a forced revoke: that AWS cleanup was not confirmed.
     */
    statusDetails: z.string().nullable(),
    username: z.string(),
    createdBy: leaseActorSchema,
    revokedAt: timestampSchema.nullable(),
    revokedBy: leaseActorSchema.nullable(),
    revokeAttempts: z.number().int(),
    nextAttemptAt: timestampSchema.nullable(),
    lastError: z.string().nullable(),
    /** Set when creating the IAM user failed; the lease then ends revoked (after cleanup) or revoke_failed. */
    creationError: z.string().nullable(),
  })
  .meta({ id: "DynamicSecretLease" });
export type Lease = z.infer<typeof leaseSchema>;

export const createLeaseInputSchema = secretLocationSchema.extend({
  dynamicSecretName: lowercasedDynamicSecretNameSchema,
  /** At most the secret's max TTL; its default TTL when absent. */
  ttl: leaseTtlSchema,
});
export type CreateLeaseInput = z.infer<typeof createLeaseInputSchema>;

/** An IAM user's access key, or STS temporary credentials (credentialType "temporary-credentials"). */
const leaseCredentialsSchema = z.union([
  z.object({ ACCESS_KEY: z.string(), SECRET_ACCESS_KEY: z.string(), USERNAME: z.string() }),
  z.object({ ACCESS_KEY: z.string(), SECRET_ACCESS_KEY: z.string(), SESSION_TOKEN: z.string() }),
]);
export type LeaseCredentials = z.infer<typeof leaseCredentialsSchema>;

export const createLeaseResponseSchema = z.object({
  lease: leaseSchema,
  dynamicSecret: dynamicSecretSchema,
  /** Shown once: Leasehold never stores the secret access key. */
  data: leaseCredentialsSchema,
});

export const renewLeaseInputSchema = secretLocationSchema.extend({ ttl: leaseTtlSchema });
export const revokeLeaseInputSchema = secretLocationSchema.extend({ isForced: booleanInputSchema.default(false) });
export const leaseParamsSchema = z.object({ leaseId: z.uuid("A lease ID is a UUID") });
export const leaseLocationQuerySchema = secretLocationSchema;
export const leaseResponseSchema = z.object({ lease: leaseSchema });

export const listLeasesQuerySchema = secretLocationSchema.extend({
  /** "active": leases that may still hold an IAM user; "all": history too. */
  status: z.enum(["active", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export const listLeasesResponseSchema = z.object({
  leases: z.array(leaseSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** GET /organizations/:orgId/lease-health: revocations overdue by more than a minute, for org admins. */
export const leaseHealthResponseSchema = z.object({
  overdueRevocations: z.object({
    count: z.number().int(),
    /** The expiry of the lease that has waited longest; null when none is overdue. */
    oldestExpiredAt: timestampSchema.nullable(),
    lastError: z.object({ message: z.string(), at: timestampSchema }).nullable(),
  }),
});
export type LeaseHealth = z.infer<typeof leaseHealthResponseSchema>;
