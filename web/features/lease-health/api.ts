import { queryOptions } from "@tanstack/react-query";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { apiCall } from "#web/lib/api-client.ts";

/** Re-read every minute: the banner should appear soon after revocations fall behind, and go once they catch up. */
const LEASE_HEALTH_REFRESH_MS = 60_000;

export function leaseHealthQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: ["lease-health", orgId] as const,
    queryFn: ({ signal }) => apiCall(auditRoutes.leaseHealth, { params: { orgId }, signal }),
    refetchInterval: LEASE_HEALTH_REFRESH_MS,
    staleTime: LEASE_HEALTH_REFRESH_MS / 2,
  });
}
