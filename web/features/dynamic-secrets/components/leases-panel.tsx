import { useInfiniteQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { type LeaseFilter, leasesQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import type { LeasePermissions } from "#web/features/dynamic-secrets/components/lease-actions.tsx";
import { useNow } from "#web/features/dynamic-secrets/components/lease-status.tsx";
import { LeasesTable } from "#web/features/dynamic-secrets/components/leases-table.tsx";
import { leaseWords } from "#web/features/dynamic-secrets/lease-kind.ts";

const LEASE_FILTERS: readonly LeaseFilter[] = ["active", "all"];

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
    <Card role="region" aria-labelledby="leases-heading" className="min-w-0">
      <Tabs value={filter} onValueChange={(value) => setFilter(value as LeaseFilter)}>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1">
            <CardTitle id="leases-heading">Leases of “{secret.name}”</CardTitle>
            <CardDescription>{leaseWords(secret).list}</CardDescription>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <TabsList aria-label="Which leases">
              <TabsTrigger value="active">Active</TabsTrigger>
              <TabsTrigger value="all">All</TabsTrigger>
            </TabsList>
            {canLease ? (
              <Button size="sm" onClick={onNewLease}>
                <Plus aria-hidden="true" />
                New lease
              </Button>
            ) : null}
          </div>
        </CardHeader>
        {LEASE_FILTERS.map((value) => (
          <TabsContent key={value} value={value} flush>
            {value === filter ? (
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
                  <LeasesTable location={location} secret={secret} permissions={permissions} leases={rows} now={now} />
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
            ) : null}
          </TabsContent>
        ))}
      </Tabs>
    </Card>
  );
}
