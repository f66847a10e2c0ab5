import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ProjectRole } from "#shared/schemas/common.ts";
import { listMembersResponseSchema } from "#shared/schemas/members.ts";
import {
  type addProjectMembershipInputSchema,
  listProjectMembershipsResponseSchema,
  projectMembershipResponseSchema,
} from "#shared/schemas/projects.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

const projectMembershipKeys = {
  all: ["project-memberships"] as const,
  list: (projectId: string) => [...projectMembershipKeys.all, projectId] as const,
  orgMemberChoices: (orgId: string) => [...projectMembershipKeys.all, "org-member-choices", orgId] as const,
};

export function projectMembershipsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: projectMembershipKeys.list(projectId),
    queryFn: ({ signal }) =>
      apiRequest(apiPath`/api/v1/projects/${projectId}/memberships`, listProjectMembershipsResponseSchema, { signal }),
    select: (data) => data.memberships,
  });
}

/** Organisation members who could be added; the API's largest page is enough for a picker. */
export function orgMemberChoicesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: projectMembershipKeys.orgMemberChoices(orgId),
    queryFn: ({ signal }) =>
      apiRequest(apiPath`/api/v1/organizations/${orgId}/members`, listMembersResponseSchema, {
        signal,
        query: { limit: 100 },
      }),
  });
}

function useInvalidateMemberships(projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: projectMembershipKeys.list(projectId) });
}

export function useAddProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: (input: z.input<typeof addProjectMembershipInputSchema>) =>
      apiRequest(apiPath`/api/v1/projects/${projectId}/memberships`, projectMembershipResponseSchema, {
        method: "POST",
        body: input,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: ProjectRole }) =>
      apiRequest(apiPath`/api/v1/projects/${projectId}/memberships/${membershipId}`, projectMembershipResponseSchema, {
        method: "PATCH",
        body: { role },
      }),
    onSuccess: invalidate,
  });
}

export function useRemoveProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiRequest(apiPath`/api/v1/projects/${projectId}/memberships/${membershipId}`, projectMembershipResponseSchema, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  });
}
