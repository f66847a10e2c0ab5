import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { BodyOf } from "#client/core/route.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { apiCall } from "#web/lib/api-client.ts";

const projectMembershipKeys = {
  all: ["project-memberships"] as const,
  list: (projectId: string) => [...projectMembershipKeys.all, projectId] as const,
  orgMemberChoices: (orgId: string) => [...projectMembershipKeys.all, "org-member-choices", orgId] as const,
};

export function projectMembershipsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: projectMembershipKeys.list(projectId),
    queryFn: ({ signal }) => apiCall(projectRoutes.listMemberships, { params: { projectId }, signal }),
    select: (data) => data.memberships,
  });
}

/** Organisation members who could be added; the API's largest page is enough for a picker. */
export function orgMemberChoicesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: projectMembershipKeys.orgMemberChoices(orgId),
    queryFn: ({ signal }) => apiCall(memberRoutes.list, { params: { orgId }, signal, query: { limit: 100 } }),
  });
}

function useInvalidateMemberships(projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: projectMembershipKeys.list(projectId) });
}

export function useAddProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: (input: BodyOf<typeof projectRoutes.addMembership>) =>
      apiCall(projectRoutes.addMembership, { params: { projectId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: ({ membershipId, ...body }: { membershipId: string } & BodyOf<typeof projectRoutes.updateMembership>) =>
      apiCall(projectRoutes.updateMembership, { params: { projectId, membershipId }, body }),
    onSuccess: invalidate,
  });
}

export function useRemoveProjectMembership(projectId: string) {
  const invalidate = useInvalidateMemberships(projectId);
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiCall(projectRoutes.removeMembership, { params: { projectId, membershipId } }),
    onSuccess: invalidate,
  });
}
