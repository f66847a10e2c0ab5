import { type OrgAction, orgRoleAllows, type ProjectAction, projectRoleAllows } from "#shared/permissions.ts";
import type { ProjectRole } from "#shared/schemas/common.ts";
import type { Actor } from "../../context.ts";
import { forbidden, notFound } from "../../lib/http/errors.ts";

/** What a project-scoped check needs: the project's org and the actor's role in it. */
export interface ProjectScope {
  orgId: string;
  projectId: string;
  /** The actor's membership role in the project, or null without membership. */
  membershipRole: ProjectRole | null;
}

/**
 * The one permission check. Org admins who are people act as project admins in every
 * project of their org; machine identities get nothing in a project without membership
 * (docs/decisions/0003-permissions.md).
 */
function can(actor: Actor, action: OrgAction | ProjectAction, scope: { orgId: string } | ProjectScope): boolean {
  if (actor.orgId !== scope.orgId) return false;
  if (!("projectId" in scope)) return orgRoleAllows(actor.orgRole, action as OrgAction);
  const role: ProjectRole | null = actor.type === "user" && actor.orgRole === "admin" ? "admin" : scope.membershipRole;
  return projectRoleAllows(role, action as ProjectAction);
}

export function createAccess() {
  return {
    can,
    /** 404 for another org (tenants cannot be probed), 403 within the org. */
    requireOrg(actor: Actor, orgId: string, action: OrgAction) {
      if (actor.orgId !== orgId) throw notFound("Organization");
      if (!can(actor, action, { orgId })) throw forbidden();
    },
    /**
     * For a project the actor cannot even read, answer 404 like a missing one; for one it
     * can read but not change, 403.
     */
    requireProject(actor: Actor, scope: ProjectScope, action: ProjectAction, what = "Project") {
      if (!can(actor, "project.read", scope)) throw notFound(what);
      if (!can(actor, action, scope)) throw forbidden();
    },
  };
}
export type Access = ReturnType<typeof createAccess>;
