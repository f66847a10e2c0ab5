import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type AwsAuthFields,
  identityAwsAuthResponseSchema,
  type rebindPrincipalInputSchema,
  type UpdateAwsAuthInput,
} from "#shared/schemas/aws-auth.ts";
import type { ProjectRole } from "#shared/schemas/common.ts";
import {
  type AddIdentityMembershipInput,
  type CreateIdentityInput,
  identityMembershipResponseSchema,
  identityResponseSchema,
  listIdentitiesResponseSchema,
  listIdentityMembershipsResponseSchema,
  type UpdateIdentityInput,
} from "#shared/schemas/identities.ts";
import { listProjectsResponseSchema } from "#shared/schemas/projects.ts";
import { identityAccessTokenResponseSchema, listIdentityTokensResponseSchema } from "#shared/schemas/tokens.ts";
import { apiPath, apiRequest, isApiError } from "#web/lib/api-client.ts";

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
      apiRequest(apiPath`/api/v1/organizations/${orgId}/identities`, listIdentitiesResponseSchema, {
        signal,
        query: { offset: (params.page - 1) * IDENTITIES_PAGE_SIZE, limit: IDENTITIES_PAGE_SIZE, search: params.search },
      }),
  });
}

export function identityQueryOptions(identityId: string) {
  return queryOptions({
    queryKey: identityKeys.detail(identityId),
    queryFn: ({ signal }) => apiRequest(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema, { signal }),
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
        const data = await apiRequest(
          apiPath`/api/v1/auth/aws-auth/identities/${identityId}`,
          identityAwsAuthResponseSchema,
          { signal },
        );
        return data.identityAwsAuth;
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
  });
}

export function membershipsQueryOptions(identityId: string) {
  return queryOptions({
    queryKey: identityKeys.memberships(identityId),
    queryFn: ({ signal }) =>
      apiRequest(apiPath`/api/v1/identities/${identityId}/memberships`, listIdentityMembershipsResponseSchema, {
        signal,
      }),
    select: (data) => data.memberships,
  });
}

export function tokensQueryOptions(identityId: string, params: TokenListParams) {
  return queryOptions({
    queryKey: identityKeys.tokenList(identityId, params),
    queryFn: ({ signal }) =>
      apiRequest(apiPath`/api/v1/identities/${identityId}/tokens`, listIdentityTokensResponseSchema, {
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
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/projects", listProjectsResponseSchema, { signal, query: { limit: 100 } }),
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
    mutationFn: (input: CreateIdentityInput) =>
      apiRequest("/api/v1/identities", identityResponseSchema, { method: "POST", body: input }),
    onSuccess: (data) => invalidate(identityKeys.lists(data.identity.orgId)),
  });
}

export function useUpdateIdentity(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: UpdateIdentityInput) =>
      apiRequest(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema, { method: "PATCH", body: input }),
    onSuccess: (data) => invalidate(identityKeys.detail(identityId), identityKeys.lists(data.identity.orgId)),
  });
}

export function useDeleteIdentity(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () =>
      apiRequest(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema, { method: "DELETE" }),
    // The detail entry is left to expire: removing it while the page is mounted would refetch a 404.
    onSuccess: (data) => invalidate(identityKeys.lists(data.identity.orgId)),
  });
}

/** Attaches AWS Auth, or updates it when `existing` (the form sends every field either way). */
export function useSaveAwsAuth(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ config, existing }: { config: AwsAuthFields | UpdateAwsAuthInput; existing: boolean }) =>
      apiRequest(apiPath`/api/v1/auth/aws-auth/identities/${identityId}`, identityAwsAuthResponseSchema, {
        method: existing ? "PATCH" : "POST",
        body: config,
      }),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

/** Binds an allowed principal ARN again, to the principal that has the name now (after a deliberate re-creation). */
export function useRebindPrincipal(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof rebindPrincipalInputSchema>) =>
      apiRequest(
        apiPath`/api/v1/auth/aws-auth/identities/${identityId}/principal-bindings/rebind`,
        identityAwsAuthResponseSchema,
        { method: "POST", body },
      ),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

export function useDetachAwsAuth(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () =>
      apiRequest(apiPath`/api/v1/auth/aws-auth/identities/${identityId}`, identityAwsAuthResponseSchema, {
        method: "DELETE",
      }),
    onSuccess: () => invalidate(identityKeys.detail(identityId), identityKeys.allLists),
  });
}

export function useAddMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: AddIdentityMembershipInput) =>
      apiRequest(apiPath`/api/v1/identities/${identityId}/memberships`, identityMembershipResponseSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useUpdateMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: ProjectRole }) =>
      apiRequest(
        apiPath`/api/v1/identities/${identityId}/memberships/${membershipId}`,
        identityMembershipResponseSchema,
        {
          method: "PATCH",
          body: { role },
        },
      ),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useRemoveMembership(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiRequest(
        apiPath`/api/v1/identities/${identityId}/memberships/${membershipId}`,
        identityMembershipResponseSchema,
        {
          method: "DELETE",
        },
      ),
    onSuccess: () => invalidate(identityKeys.memberships(identityId)),
  });
}

export function useRevokeToken(identityId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (tokenId: string) =>
      apiRequest(
        apiPath`/api/v1/identities/${identityId}/tokens/${tokenId}/revoke`,
        identityAccessTokenResponseSchema,
        { method: "POST" },
      ),
    onSuccess: () => invalidate(identityKeys.tokens(identityId)),
  });
}
