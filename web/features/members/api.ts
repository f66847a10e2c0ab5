import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { OrgRole } from "#shared/schemas/common.ts";
import {
  type AddMemberInput,
  addMemberResponseSchema,
  listMembersResponseSchema,
  memberResponseSchema,
} from "#shared/schemas/members.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

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
      apiRequest(apiPath`/api/v1/organizations/${orgId}/members`, listMembersResponseSchema, {
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
    mutationFn: (input: AddMemberInput) =>
      apiRequest(apiPath`/api/v1/organizations/${orgId}/members`, addMemberResponseSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateMemberRole(orgId: string) {
  const invalidate = useInvalidateMembers(orgId);
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: OrgRole }) =>
      apiRequest(apiPath`/api/v1/organizations/${orgId}/members/${memberId}`, memberResponseSchema, {
        method: "PATCH",
        body: { role },
      }),
    onSuccess: invalidate,
  });
}

export function useRemoveMember(orgId: string) {
  const invalidate = useInvalidateMembers(orgId);
  return useMutation({
    mutationFn: (memberId: string) =>
      apiRequest(apiPath`/api/v1/organizations/${orgId}/members/${memberId}`, memberResponseSchema, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  });
}
