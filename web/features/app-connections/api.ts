import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { BodyOf } from "#client/core/route.ts";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { apiCall } from "#web/lib/api-client.ts";

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
    queryFn: ({ signal }) => apiCall(appConnectionRoutes.list, { signal, query: { projectId: scope.projectId } }),
    select: (data) => data.appConnections,
  });
}

/** A live GetCallerIdentity on the server: never cached for long, the operator may just have fixed it. */
export function serverPrincipalQueryOptions(scope: ConnectionScope) {
  return queryOptions({
    queryKey: appConnectionKeys.serverPrincipal(scope),
    queryFn: ({ signal }) =>
      apiCall(appConnectionRoutes.serverPrincipal, { signal, query: { projectId: scope.projectId } }),
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
    mutationFn: (input: BodyOf<typeof appConnectionRoutes.create>) =>
      apiCall(appConnectionRoutes.create, { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateConnection(connectionId: string) {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (input: BodyOf<typeof appConnectionRoutes.update>) =>
      apiCall(appConnectionRoutes.update, { params: { connectionId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useTestConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (connectionId: string) => apiCall(appConnectionRoutes.test, { params: { connectionId } }),
    // A failed test is recorded on the connection too, so refresh either way.
    onSettled: invalidate,
  });
}

export function useDeleteConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (connectionId: string) => apiCall(appConnectionRoutes.delete, { params: { connectionId } }),
    onSuccess: invalidate,
  });
}
