import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  appConnectionResponseSchema,
  type createAppConnectionInputSchema,
  listAppConnectionsResponseSchema,
  serverPrincipalResponseSchema,
  type updateAppConnectionInputSchema,
} from "#shared/schemas/app-connections.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

const BASE = "/api/v1/app-connections/aws";

/** Where connections are managed: the organization's own (projectId null) or one project's page. */
export interface ConnectionScope {
  orgId: string;
  projectId: string | null;
}

const appConnectionKeys = {
  all: ["app-connections"] as const,
  list: (scope: ConnectionScope) => [...appConnectionKeys.all, "list", scope.projectId ?? "organization"] as const,
  serverPrincipal: (scope: ConnectionScope) =>
    [...appConnectionKeys.all, "server-principal", scope.projectId ?? "organization"] as const,
};

/** A project's page lists the project's connections and the organization's, which it may use too. */
export function appConnectionsQueryOptions(scope: ConnectionScope) {
  return queryOptions({
    queryKey: appConnectionKeys.list(scope),
    queryFn: ({ signal }) =>
      apiRequest(BASE, listAppConnectionsResponseSchema, { signal, query: { projectId: scope.projectId } }),
    select: (data) => data.appConnections,
  });
}

/** A live GetCallerIdentity on the server: never cached for long, the operator may just have fixed it. */
export function serverPrincipalQueryOptions(scope: ConnectionScope) {
  return queryOptions({
    queryKey: appConnectionKeys.serverPrincipal(scope),
    queryFn: ({ signal }) =>
      apiRequest(`${BASE}/server-principal`, serverPrincipalResponseSchema, {
        signal,
        query: { projectId: scope.projectId },
      }),
    staleTime: 30_000,
    retry: false,
  });
}

function useInvalidateConnections() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...appConnectionKeys.all, "list"] });
}

export function useCreateConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (input: z.input<typeof createAppConnectionInputSchema>) =>
      apiRequest(BASE, appConnectionResponseSchema, { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateConnection(connectionId: string) {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (input: z.input<typeof updateAppConnectionInputSchema>) =>
      apiRequest(apiPath`/api/v1/app-connections/aws/${connectionId}`, appConnectionResponseSchema, {
        method: "PATCH",
        body: input,
      }),
    onSuccess: invalidate,
  });
}

export function useTestConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (connectionId: string) =>
      apiRequest(apiPath`/api/v1/app-connections/aws/${connectionId}/test`, appConnectionResponseSchema, {
        method: "POST",
      }),
    // A failed test is recorded on the connection too, so refresh either way.
    onSettled: invalidate,
  });
}

export function useDeleteConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (connectionId: string) =>
      apiRequest(apiPath`/api/v1/app-connections/aws/${connectionId}`, appConnectionResponseSchema, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  });
}
