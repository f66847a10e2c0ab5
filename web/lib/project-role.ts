import { queryOptions } from "@tanstack/react-query";
import { type ProjectAction, projectRoleAllows } from "#shared/permissions.ts";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import type { ProjectRole } from "#shared/schemas/common.ts";
import { listProjectMembershipsResponseSchema } from "#shared/schemas/projects.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

/**
 * The signed-in person's role in a project: org admins act as project admins everywhere
 * (docs/decisions/0003-permissions.md). Pages use it only to hide buttons a person cannot
 * use; the server decides every request.
 */
export function projectRoleQueryOptions(projectId: string, session: Pick<SessionResponse, "user" | "orgRole">) {
  return queryOptions({
    queryKey: ["project-role", projectId, session.user.id] as const,
    queryFn: async ({ signal }): Promise<ProjectRole | null> => {
      if (session.orgRole === "admin") return "admin";
      const { memberships } = await apiRequest(
        apiPath`/api/v1/projects/${projectId}/memberships`,
        listProjectMembershipsResponseSchema,
        { signal },
      );
      return memberships.find((m) => m.userId === session.user.id)?.role ?? null;
    },
  });
}

export const roleAllows = (role: ProjectRole | null | undefined, action: ProjectAction) =>
  projectRoleAllows(role ?? null, action);
