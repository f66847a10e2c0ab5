import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { BodyOf } from "#client/core/route.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { apiCall } from "#web/lib/api-client.ts";

export const MEMBERS_PAGE_SIZE = 25;

export interface MemberListParams {
  page: number;
  search?: string;
}

const memberKeys = {
  all: (orgId: string) => ["org-members", orgId] as const,
  list: (orgId: string, params: MemberListParams) => [...memberKeys.all(orgId), params] as const,
};

export function membersQueryOptions(orgId: string, params: MemberListParams) {
  return queryOptions({
    queryKey: memberKeys.list(orgId, params),
    queryFn: ({ signal }) =>
      apiCall(memberRoutes.list, {
        params: { orgId },
        signal,
        query: { offset: (params.page - 1) * MEMBERS_PAGE_SIZE, limit: MEMBERS_PAGE_SIZE, search: params.search },
      }),
  });
}

function useInvalidateMembers(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: memberKeys.all(orgId) });
}

/** Adds a person and returns their one-time setup link (shown once; the server keeps only its hash). */
export function useAddMember(orgId: string) {
  const invalidate = useInvalidateMembers(orgId);
  return useMutation({
    mutationFn: (input: BodyOf<typeof memberRoutes.add>) =>
      apiCall(memberRoutes.add, { params: { orgId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateMemberRole(orgId: string) {
  const invalidate = useInvalidateMembers(orgId);
  return useMutation({
    mutationFn: ({ memberId, ...body }: { memberId: string } & BodyOf<typeof memberRoutes.update>) =>
      apiCall(memberRoutes.update, { params: { orgId, memberId }, body }),
    onSuccess: invalidate,
  });
}

export function useRemoveMember(orgId: string) {
  const invalidate = useInvalidateMembers(orgId);
  return useMutation({
    mutationFn: (memberId: string) => apiCall(memberRoutes.remove, { params: { orgId, memberId } }),
    onSuccess: invalidate,
  });
}
