import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import { listAppConnectionsResponseSchema } from "#shared/schemas/app-connections.ts";
import {
  type createDynamicSecretInputSchema,
  deleteOrphansResponseSchema,
  dynamicSecretResponseSchema,
  listDynamicSecretsResponseSchema,
  listOrphansResponseSchema,
  type SecretLocation,
  type testDynamicSecretInputSchema,
  testDynamicSecretResponseSchema,
  type updateDynamicSecretInputSchema,
  usernamePreviewResponseSchema,
} from "#shared/schemas/dynamic-secrets.ts";
import { createLeaseResponseSchema, leaseResponseSchema, listLeasesResponseSchema } from "#shared/schemas/leases.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

const BASE = "/api/v1/dynamic-secrets";
export type LeaseFilter = "active" | "all";

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

const locationQuery = (loc: SecretLocation) => ({
  projectSlug: loc.projectSlug,
  environmentSlug: loc.environmentSlug,
  path: loc.path,
});

export function dynamicSecretsQueryOptions(loc: SecretLocation) {
  return queryOptions({
    queryKey: dynamicSecretKeys.list(loc),
    queryFn: ({ signal }) => apiRequest(BASE, listDynamicSecretsResponseSchema, { signal, query: locationQuery(loc) }),
    select: (data) => data.dynamicSecrets,
  });
}

/** A secret's leases, newest first, a page at a time; refreshed every 15 s so statuses move on their own. */
export function leasesQueryOptions(loc: SecretLocation, name: string, filter: LeaseFilter) {
  return infiniteQueryOptions({
    queryKey: dynamicSecretKeys.leaseList(loc, name, filter),
    queryFn: ({ signal, pageParam }) =>
      apiRequest(apiPath`/api/v1/dynamic-secrets/${name}/leases`, listLeasesResponseSchema, {
        signal,
        query: { ...locationQuery(loc), status: filter, limit: 25, cursor: pageParam },
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
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/app-connections/aws", listAppConnectionsResponseSchema, { signal, query: { projectId } }),
    select: (data) => data.appConnections,
  });
}

export function usernamePreviewQueryOptions(template: string, dynamicSecretName: string) {
  return queryOptions({
    queryKey: dynamicSecretKeys.preview(template, dynamicSecretName),
    queryFn: ({ signal }) =>
      apiRequest(`${BASE}/username-preview`, usernamePreviewResponseSchema, {
        method: "POST",
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
      apiRequest(apiPath`/api/v1/dynamic-secrets/${name}/orphans`, listOrphansResponseSchema, {
        signal,
        query: locationQuery(loc),
      }),
    select: (data) => data.orphans,
    staleTime: 0,
  });
}

/** Every change to secrets or leases at a location refreshes that location's lists (counts of active leases included). */
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
  return useLocationMutation(loc, (input: z.input<typeof createDynamicSecretInputSchema>) =>
    apiRequest(BASE, dynamicSecretResponseSchema, { method: "POST", body: input }),
  );
}

export function useUpdateDynamicSecret(loc: SecretLocation) {
  return useLocationMutation(
    loc,
    ({ name, ...input }: z.input<typeof updateDynamicSecretInputSchema> & { name: string }) =>
      apiRequest(apiPath`/api/v1/dynamic-secrets/${name}`, dynamicSecretResponseSchema, {
        method: "PATCH",
        body: input,
      }),
  );
}

export function useDeleteDynamicSecret(loc: SecretLocation) {
  return useLocationMutation(loc, ({ name, isForced }: { name: string; isForced: boolean }) =>
    apiRequest(apiPath`/api/v1/dynamic-secrets/${name}`, dynamicSecretResponseSchema, {
      method: "DELETE",
      body: { ...locationQuery(loc), isForced },
    }),
  );
}

export function useTestConfiguration() {
  return useMutation({
    mutationFn: (input: z.input<typeof testDynamicSecretInputSchema>) =>
      apiRequest(`${BASE}/test-configuration`, testDynamicSecretResponseSchema, { method: "POST", body: input }),
  });
}

export function useCreateLease(loc: SecretLocation) {
  return useLocationMutation(loc, ({ name, ttl }: { name: string; ttl?: string }) =>
    apiRequest(`${BASE}/leases`, createLeaseResponseSchema, {
      method: "POST",
      body: { ...locationQuery(loc), dynamicSecretName: name, ...(ttl ? { ttl } : {}) },
    }),
  );
}

export function useRenewLease(loc: SecretLocation) {
  return useLocationMutation(loc, ({ leaseId, ttl }: { leaseId: string; ttl?: string }) =>
    apiRequest(apiPath`/api/v1/dynamic-secrets/leases/${leaseId}/renew`, leaseResponseSchema, {
      method: "POST",
      body: { ...locationQuery(loc), ...(ttl ? { ttl } : {}) },
    }),
  );
}

export function useRevokeLease(loc: SecretLocation) {
  return useLocationMutation(loc, ({ leaseId, isForced }: { leaseId: string; isForced: boolean }) =>
    apiRequest(apiPath`/api/v1/dynamic-secrets/leases/${leaseId}`, leaseResponseSchema, {
      method: "DELETE",
      body: { ...locationQuery(loc), isForced },
    }),
  );
}

export function useDeleteOrphans(loc: SecretLocation, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (usernames: string[]) =>
      apiRequest(apiPath`/api/v1/dynamic-secrets/${name}/orphans/delete`, deleteOrphansResponseSchema, {
        method: "POST",
        body: { ...locationQuery(loc), usernames },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dynamicSecretKeys.orphans(loc, name) }),
  });
}
