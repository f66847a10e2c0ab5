import { useInfiniteQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { Fragment, type ReactNode, useState } from "react";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { type Lease, LIVE_LEASE_STATUSES } from "#shared/schemas/leases.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { Tabs, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { type LeaseFilter, leasesQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import { LeaseActions, type LeasePermissions } from "#web/features/dynamic-secrets/components/lease-actions.tsx";
import { ExpiryCountdown, LeaseStatusBadge, useNow } from "#web/features/dynamic-secrets/components/lease-status.tsx";
import { leaseWords } from "#web/features/dynamic-secrets/lease-kind.ts";
import { formatCompactDateTime, formatDateTime } from "#web/lib/format.ts";

const isLive = (lease: Lease) => (LIVE_LEASE_STATUSES as readonly string[]).includes(lease.status);

/** How a lease ends: a countdown while live; once revoked, when and by whom, not the expiry it never reached. */
function LeaseEnd({ lease, now }: { lease: Lease; now: number }) {
  if (lease.status !== "revoked" || !lease.revokedAt) {
    return <ExpiryCountdown expireAt={lease.expireAt} live={isLive(lease)} now={now} />;
  }
  return (
    <div className="grid gap-0.5 whitespace-nowrap">
      <span>
        Revoked <time dateTime={lease.revokedAt}>{formatCompactDateTime(lease.revokedAt)}</time>
      </span>
      {lease.revokedBy ? (
        <span className="block max-w-40 truncate text-xs text-muted-foreground" title={lease.revokedBy.name}>
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
      <TableCell colSpan={6} className="whitespace-normal">
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

/** The leases of one dynamic secret: live by default, or all with history; Renew, Revoke and Force revoke per row. */
export function LeasesPanel({
  location,
  secret,
  permissions,
  canLease,
  onNewLease,
}: {
  location: SecretLocation;
  secret: DynamicSecret;
  permissions: LeasePermissions;
  canLease: boolean;
  onNewLease: () => void;
}) {
  const [filter, setFilter] = useState<LeaseFilter>("active");
  const leases = useInfiniteQuery(leasesQueryOptions(location, secret.name, filter));
  const now = useNow();
  const rows = leases.data?.pages.flatMap((page) => page.leases) ?? [];

  return (
    <Card aria-labelledby="leases-heading" className="min-w-0">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle id="leases-heading">Leases of “{secret.name}”</CardTitle>
          <CardDescription>{leaseWords(secret).list}</CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Tabs value={filter} onValueChange={(value) => setFilter(value as LeaseFilter)}>
            <TabsList aria-label="Which leases">
              <TabsTrigger value="active">Active</TabsTrigger>
              <TabsTrigger value="all">All</TabsTrigger>
            </TabsList>
          </Tabs>
          {canLease ? (
            <Button size="sm" onClick={onNewLease}>
              <Plus aria-hidden="true" />
              New lease
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        {leases.isPending ? (
          <div role="status" className="grid gap-2" aria-busy="true" aria-label="Loading leases">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : leases.isError ? (
          <Alert>{leases.error.message}</Alert>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={KeyRound}
            title={filter === "active" ? "No active leases" : "No leases yet"}
            description={
              canLease
                ? "Generate a lease to get short-lived AWS credentials."
                : "Nobody has leased credentials from this secret."
            }
          />
        ) : (
          <Table aria-label={`Leases of ${secret.name}`} className="[&_td]:px-3 [&_th]:px-3">
            <TableHeader>
              <TableRow>
                <TableHead>Username</TableHead>
                <TableHead>Created by</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Ends</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((lease) => (
                <Fragment key={lease.id}>
                  <TableRow>
                    <TableCell>
                      <code className="font-mono text-xs whitespace-nowrap">{lease.username}</code>
                    </TableCell>
                    <TableCell>
                      <span className="block max-w-40 truncate" title={lease.createdBy.name}>
                        {lease.createdBy.name}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {lease.createdBy.type === "identity" ? "machine identity" : "person"}
                      </span>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatCompactDateTime(lease.createdAt)}</TableCell>
                    <TableCell>
                      <LeaseEnd lease={lease} now={now} />
                    </TableCell>
                    <TableCell>
                      <StatusCell lease={lease} />
                    </TableCell>
                    <TableCell className="text-right">
                      {lease.status === "active" ? (
                        <LeaseActions lease={lease} secret={secret} location={location} permissions={permissions} />
                      ) : null}
                    </TableCell>
                  </TableRow>
                  {lease.status === "revoke_failed" ? (
                    <RevokeFailedRow lease={lease}>
                      <LeaseActions lease={lease} secret={secret} location={location} permissions={permissions} />
                    </RevokeFailedRow>
                  ) : null}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        )}
        {leases.hasNextPage ? (
          <Button
            variant="outline"
            className="justify-self-center"
            pending={leases.isFetchingNextPage}
            onClick={() => void leases.fetchNextPage()}
          >
            Load more
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
