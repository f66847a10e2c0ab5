import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import type { BodyOf } from "#client/core/route.ts";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import type { SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { apiCall } from "#web/lib/api-client.ts";

export type LeaseFilter = "active" | "all";
/** A body without the location, which every hook here adds from the page it serves. */
type AtLocation<Body> = Omit<Body, keyof SecretLocation>;

const dynamicSecretKeys = {
  all: ["dynamic-secrets"] as const,
  list: (loc: SecretLocation) =>
    [...dynamicSecretKeys.all, "list", loc.projectSlug, loc.environmentSlug, loc.path] as const,
  leases: (loc: SecretLocation, name: string) =>
    [...dynamicSecretKeys.all, "leases", loc.projectSlug, loc.environmentSlug, loc.path, name] as const,
  leaseList: (loc: SecretLocation, name: string, filter: LeaseFilter) =>
    [...dynamicSecretKeys.leases(loc, name), filter] as const,
  orphans: (loc: SecretLocation, name: string) =>
    [...dynamicSecretKeys.all, "orphans", loc.projectSlug, loc.environmentSlug, loc.path, name] as const,
  preview: (template: string, name: string) => [...dynamicSecretKeys.all, "username-preview", template, name] as const,
  connections: (projectId: string) => [...dynamicSecretKeys.all, "app-connections", projectId] as const,
};

const locationOf = (loc: SecretLocation): SecretLocation => ({
  projectSlug: loc.projectSlug,
  environmentSlug: loc.environmentSlug,
  path: loc.path,
});

export function dynamicSecretsQueryOptions(loc: SecretLocation) {
  return queryOptions({
    queryKey: dynamicSecretKeys.list(loc),
    queryFn: ({ signal }) => apiCall(dynamicSecretRoutes.list, { signal, query: locationOf(loc) }),
    select: (data) => data.dynamicSecrets,
  });
}

/** A secret's leases, newest first, a page at a time; refreshed every 15 s so statuses move on their own. */
export function leasesQueryOptions(loc: SecretLocation, name: string, filter: LeaseFilter) {
  return infiniteQueryOptions({
    queryKey: dynamicSecretKeys.leaseList(loc, name, filter),
    queryFn: ({ signal, pageParam }) =>
      apiCall(leaseRoutes.list, {
        params: { name },
        signal,
        query: { ...locationOf(loc), status: filter, limit: 25, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}

/** The App Connections this project may use: its own and the organization's. */
export function usableConnectionsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: dynamicSecretKeys.connections(projectId),
    queryFn: ({ signal }) => apiCall(appConnectionRoutes.list, { signal, query: { projectId } }),
    select: (data) => data.appConnections,
  });
}

export function usernamePreviewQueryOptions(template: string, dynamicSecretName: string) {
  return queryOptions({
    queryKey: dynamicSecretKeys.preview(template, dynamicSecretName),
    queryFn: ({ signal }) =>
      apiCall(dynamicSecretRoutes.usernamePreview, {
        signal,
        body: { usernameTemplate: template || null, dynamicSecretName },
      }),
    staleTime: Infinity,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function orphansQueryOptions(loc: SecretLocation, name: string) {
  return queryOptions({
    queryKey: dynamicSecretKeys.orphans(loc, name),
    queryFn: ({ signal }) =>
      apiCall(dynamicSecretRoutes.listOrphans, { params: { name }, signal, query: locationOf(loc) }),
    select: (data) => data.orphans,
    staleTime: 0,
  });
}

/**
 * Every change to secrets or leases at a location refreshes that location's lists (counts of active leases
 * included).
 */
function useLocationMutation<Variables, Result>(
  loc: SecretLocation,
  request: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dynamicSecretKeys.list(loc) }),
        queryClient.invalidateQueries({
          queryKey: [...dynamicSecretKeys.all, "leases", loc.projectSlug, loc.environmentSlug, loc.path],
        }),
      ]),
  });
}

export function useCreateDynamicSecret(loc: SecretLocation) {
  return useLocationMutation(loc, (input: BodyOf<typeof dynamicSecretRoutes.create>) =>
    apiCall(dynamicSecretRoutes.create, { body: input }),
  );
}

export function useUpdateDynamicSecret(loc: SecretLocation) {
  return useLocationMutation(loc, ({ name, ...input }: BodyOf<typeof dynamicSecretRoutes.update> & { name: string }) =>
    apiCall(dynamicSecretRoutes.update, { params: { name }, body: input }),
  );
}

export function useDeleteDynamicSecret(loc: SecretLocation) {
  return useLocationMutation(
    loc,
    ({ name, ...input }: AtLocation<BodyOf<typeof dynamicSecretRoutes.delete>> & { name: string }) =>
      apiCall(dynamicSecretRoutes.delete, { params: { name }, body: { ...locationOf(loc), ...input } }),
  );
}

export function useTestConfiguration() {
  return useMutation({
    mutationFn: (input: BodyOf<typeof dynamicSecretRoutes.testConfiguration>) =>
      apiCall(dynamicSecretRoutes.testConfiguration, { body: input }),
  });
}

export function useCreateLease(loc: SecretLocation) {
  return useLocationMutation(loc, ({ ttl, ...input }: AtLocation<BodyOf<typeof leaseRoutes.create>>) =>
    // An empty TTL means the secret's default TTL.
    apiCall(leaseRoutes.create, { body: { ...locationOf(loc), ...input, ...(ttl ? { ttl } : {}) } }),
  );
}

export function useRenewLease(loc: SecretLocation) {
  return useLocationMutation(
    loc,
    ({ leaseId, ttl }: AtLocation<BodyOf<typeof leaseRoutes.renew>> & { leaseId: string }) =>
      apiCall(leaseRoutes.renew, { params: { leaseId }, body: { ...locationOf(loc), ...(ttl ? { ttl } : {}) } }),
  );
}

export function useRevokeLease(loc: SecretLocation) {
  return useLocationMutation(
    loc,
    ({ leaseId, ...input }: AtLocation<BodyOf<typeof leaseRoutes.revoke>> & { leaseId: string }) =>
      apiCall(leaseRoutes.revoke, { params: { leaseId }, body: { ...locationOf(loc), ...input } }),
  );
}

export function useDeleteOrphans(loc: SecretLocation, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (usernames: BodyOf<typeof dynamicSecretRoutes.deleteOrphans>["usernames"]) =>
      apiCall(dynamicSecretRoutes.deleteOrphans, { params: { name }, body: { ...locationOf(loc), usernames } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dynamicSecretKeys.orphans(loc, name) }),
  });
}
