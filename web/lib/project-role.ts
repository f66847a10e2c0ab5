import { queryOptions } from "@tanstack/react-query";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { type ProjectAction, projectRoleAllows } from "#shared/permissions.ts";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import type { ProjectRole } from "#shared/schemas/common.ts";
import { apiCall } from "#web/lib/api-client.ts";

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
      const { memberships } = await apiCall(projectRoutes.listMemberships, { params: { projectId }, signal });
      return memberships.find((m) => m.userId === session.user.id)?.role ?? null;
    },
  });
}

export const roleAllows = (role: ProjectRole | null | undefined, action: ProjectAction) =>
  projectRoleAllows(role ?? null, action);
