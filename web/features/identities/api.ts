import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { BodyOf } from "#client/core/route.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { apiCall } from "#web/lib/api-client.ts";

export const IDENTITIES_PAGE_SIZE = 25;
export const TOKENS_PAGE_SIZE = 20;

export interface IdentityListParams {
  page: number;
  search?: string | undefined;
}

export interface TokenListParams {
  page: number;
  status: "active" | "all";
}

const identityKeys = {
  all: ["identities"] as const,
  allLists: ["identities", "list"] as const,
  lists: (orgId: string) => [...identityKeys.allLists, orgId] as const,
  list: (orgId: string, params: IdentityListParams) => [...identityKeys.lists(orgId), params] as const,
  detail: (identityId: string) => [...identityKeys.all, "detail", identityId] as const,
  awsAuth: (identityId: string) => [...identityKeys.detail(identityId), "aws-auth"] as const,
  memberships: (identityId: string) => [...identityKeys.detail(identityId), "memberships"] as const,
  tokens: (identityId: string) => [...identityKeys.detail(identityId), "tokens"] as const,
  tokenList: (identityId: string, params: TokenListParams) => [...identityKeys.tokens(identityId), params] as const,
  projects: ["identities", "project-choices"] as const,
};

export function identitiesQueryOptions(orgId: string, params: IdentityListParams) {
  return queryOptions({
    queryKey: identityKeys.list(orgId, params),
    queryFn: ({ signal }) =>
      apiCall(identityRoutes.list, {
        params: { orgId },
        signal,
        query: { offset: (params.page - 1) * IDENTITIES_PAGE_SIZE, limit: IDENTITIES_PAGE_SIZE, search: params.search },
      }),
  });
}

export function identityQueryOptions(identityId: string) {
  return queryOptions({
    queryKey: identityKeys.detail(identityId),
    queryFn: ({ signal }) => apiCall(identityRoutes.get, { params: { identityId }, signal }),
    select: (data) => data.identity,
  });
}

/**
 * An identity's AWS Auth, or null when it has none. `attached` (from the identity's authMethods) saves the
 * request when there is nothing to read: a 404 would be an error in the browser's console on every visit.
 */
export function awsAuthQueryOptions(identityId: string, attached: boolean) {
  return queryOptions({
    queryKey: [...identityKeys.awsAuth(identityId), attached] as const,
    queryFn: async ({ signal }) => {
      if (!attached) return null;
      try {
        const data = await apiCall(awsAuthRoutes.get, { params: { identityId }, signal });
        return data.identityAwsAuth;
      } catch (error) {
        if (isLeaseholdError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
  });
}

export function membershipsQueryOptions(identityId: string) {
  return queryOptions({
    queryKey: identityKeys.memberships(identityId),
    queryFn: ({ signal }) => apiCall(identityRoutes.listMemberships, { params: { identityId }, signal }),
    select: (data) => data.memberships,
  });
}

export function tokensQueryOptions(identityId: string, params: TokenListParams) {
  return queryOptions({
    queryKey: identityKeys.tokenList(identityId, params),
    queryFn: ({ signal }) =>
      apiCall(tokenRoutes.listForIdentity, {
        params: { identityId },
        signal,
        query: { offset: (params.page - 1) * TOKENS_PAGE_SIZE, limit: TOKENS_PAGE_SIZE, status: params.status },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Projects to offer in "add to project" (the first 100 by name; the API caps a page there). */
export function projectChoicesQueryOptions() {
  return queryOptions({
    queryKey: identityKeys.projects,
    queryFn: ({ signal }) => apiCall(projectRoutes.list, { signal, query: { limit: 100 } }),
    select: (data) => data.projects.map((p) => ({ id: p.id, name: p.name })),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: (readonly unknown[])[]) =>
    Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useCreateIdentity() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: BodyOf<typeof identityRoutes.create>) => apiCall(identityRoutes.create, { body: input }),
    onSuccess: (data) => invalidate(identityKeys.lists(data.identity.orgId)),
  });
}

export function useUpdateIdentity(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: BodyOf<typeof identityRoutes.update>) =>
      apiCall(identityRoutes.update, { params: { identityId }, body: input }),
    onSuccess: (data) => invalidate(identityKeys.detail(identityId), identityKeys.lists(data.identity.orgId)),
  });
}

export function useDeleteIdentity(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiCall(identityRoutes.delete, { params: { identityId } }),
    // The detail entry is left to expire: removing it while the page is mounted would refetch a 404.
    onSuccess: (data) => invalidate(identityKeys.lists(data.identity.orgId)),
  });
}

/** What the AWS Auth form sends: every field, so one value serves an attach and an update. */
type AwsAuthConfig = BodyOf<typeof awsAuthRoutes.attach> & BodyOf<typeof awsAuthRoutes.update>;

/** Attaches AWS Auth, or updates it when `existing` (the form sends every field either way). */
export function useSaveAwsAuth(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ config, existing }: { config: AwsAuthConfig; existing: boolean }) =>
      existing
        ? apiCall(awsAuthRoutes.update, { params: { identityId }, body: config })
        : apiCall(awsAuthRoutes.attach, { params: { identityId }, body: config }),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

/** Binds an allowed principal ARN again, to the principal that has the name now (after a deliberate re-creation). */
export function useRebindPrincipal(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BodyOf<typeof awsAuthRoutes.rebind>) =>
      apiCall(awsAuthRoutes.rebind, { params: { identityId }, body }),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

export function useDetachAwsAuth(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiCall(awsAuthRoutes.detach, { params: { identityId } }),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

export function useAddMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: BodyOf<typeof identityRoutes.addMembership>) =>
      apiCall(identityRoutes.addMembership, { params: { identityId }, body: input }),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useUpdateMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      membershipId,
      ...body
    }: { membershipId: string } & BodyOf<typeof identityRoutes.updateMembership>) =>
      apiCall(identityRoutes.updateMembership, { params: { identityId, membershipId }, body }),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useRemoveMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiCall(identityRoutes.removeMembership, { params: { identityId, membershipId } }),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useRevokeToken(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (tokenId: string) => apiCall(tokenRoutes.revokeForIdentity, { params: { identityId, tokenId } }),
    onSuccess: () => invalidate(identityKeys.tokens(identityId)),
  });
}
