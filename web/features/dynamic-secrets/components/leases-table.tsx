import { Fragment, type ReactNode } from "react";
import { LIVE_LEASE_STATUSES } from "#shared/lease-statuses.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import type { Lease } from "#shared/schemas/leases.ts";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { LeaseActions, type LeasePermissions } from "#web/features/dynamic-secrets/components/lease-actions.tsx";
import { ExpiryCountdown, LeaseStatusBadge } from "#web/features/dynamic-secrets/components/lease-status.tsx";
import { formatCompactDateTime, formatDateTime } from "#web/lib/format.ts";

const isLive = (lease: Lease) => (LIVE_LEASE_STATUSES as readonly string[]).includes(lease.status);

/** How a lease ends: a countdown while live; once revoked, when and by whom, not the expiry it never reached. */
function LeaseEnd({ lease, now }: { lease: Lease; now: number }) {
  if (lease.status !== "revoked" || !lease.revokedAt) {
    return <ExpiryCountdown expireAt={lease.expireAt} live={isLive(lease)} now={now} />;
  }
  return (
    <div className="grid gap-0.5 unstacked:whitespace-nowrap">
      <span>
        Revoked <time dateTime={lease.revokedAt}>{formatCompactDateTime(lease.revokedAt)}</time>
      </span>
      {lease.revokedBy ? (
        <span
          className="block max-w-40 truncate text-xs text-muted-foreground stacked:max-w-none"
          title={lease.revokedBy.name}
        >
          by {lease.revokedBy.name}
        </span>
      ) : null}
    </div>
  );
}

function StatusCell({ lease }: { lease: Lease }) {
  return (
    <div className="grid max-w-56 justify-items-start gap-1">
      <LeaseStatusBadge status={lease.status} creationFailed={lease.creationError !== null} />
      {lease.statusDetails && lease.status !== "revoke_failed" ? (
        <p className="line-clamp-2 text-xs text-muted-foreground" title={lease.statusDetails}>
          {lease.statusDetails}
        </p>
      ) : null}
    </div>
  );
}

/** Under a lease whose revocation keeps failing: the AWS error, the next retry, and what to do about it. */
function RevokeFailedRow({ lease, children }: { lease: Lease; children: ReactNode }) {
  return (
    <TableRow className="bg-destructive/5 hover:bg-destructive/5">
      <TableCell colSpan={5} className="whitespace-normal">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid max-w-3xl gap-1 text-sm">
            <p className="font-medium text-destructive">
              Revoking {lease.username} failed: {lease.lastError}
            </p>
            <p className="text-muted-foreground">
              {lease.nextAttemptAt
                ? `Next retry ${formatDateTime(lease.nextAttemptAt)} (attempt ${lease.revokeAttempts + 1}). `
                : ""}
              Leasehold keeps retrying, with longer waits up to an hour, until the IAM user is gone.
            </p>
          </div>
          {children}
        </div>
      </TableCell>
    </TableRow>
  );
}

/** When, and by whom: a person or a machine identity. */
function CreatedCell({ lease }: { lease: Lease }) {
  return (
    <div className="grid gap-0.5">
      <span className="unstacked:whitespace-nowrap">{formatCompactDateTime(lease.createdAt)}</span>
      <span className="block max-w-64 truncate text-xs text-muted-foreground stacked:max-w-none">
        <span title={lease.createdBy.name}>{lease.createdBy.name}</span> (
        {lease.createdBy.type === "identity" ? "machine identity" : "person"})
      </span>
    </div>
  );
}

/**
 * One secret's leases. Renew and Revoke stay side by side (min-w-48), so the table fits only on a wide screen;
 * narrower, its rows stack.
 */
export function LeasesTable({
  location,
  secret,
  permissions,
  leases,
  now,
}: {
  location: SecretLocation;
  secret: DynamicSecret;
  permissions: LeasePermissions;
  leases: Lease[];
  now: number;
}) {
  const actions = (lease: Lease) => (
    <LeaseActions lease={lease} secret={secret} location={location} permissions={permissions} />
  );
  return (
    <Table aria-label={`Leases of ${secret.name}`} className="[&_td]:px-3 [&_th]:px-3">
      <TableHeader>
        <TableRow>
          <TableHead>Username</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Ends</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {leases.map((lease) => (
          <Fragment key={lease.id}>
            <TableRow>
              <TableCell>
                <code className="font-mono text-xs unstacked:whitespace-nowrap">{lease.username}</code>
              </TableCell>
              <TableCell>
                <CreatedCell lease={lease} />
              </TableCell>
              <TableCell>
                <LeaseEnd lease={lease} now={now} />
              </TableCell>
              <TableCell>
                <StatusCell lease={lease} />
              </TableCell>
              <TableCell className="text-right">{lease.status === "active" ? actions(lease) : null}</TableCell>
            </TableRow>
            {lease.status === "revoke_failed" ? (
              <RevokeFailedRow lease={lease}>{actions(lease)}</RevokeFailedRow>
            ) : null}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
