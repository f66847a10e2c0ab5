import type { ProjectRole } from "#shared/schemas/common.ts";
import type { IdentityMembership } from "#shared/schemas/identities.ts";
import type { RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { conflict, notFound } from "../../lib/http/errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import type { IdentitiesService } from "./identities.service.ts";

type MembershipRow = Awaited<ReturnType<ProjectsService["identityMemberships"]["list"]>>[number];

const toMembership = (row: MembershipRow): IdentityMembership => ({
  id: row.id,
  identityId: row.identityId!,
  projectId: row.projectId,
  projectName: row.projectName,
  projectSlug: row.projectSlug,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
});

/**
 * A machine identity's project memberships. The project side decides: changing one needs
 * `project-members.manage` on that project (a project admin may add any identity of the org).
 * The rows live in project_memberships, which the projects module owns.
 */
export function createIdentityMembershipsService(deps: {
  db: Db;
  identities: Pick<IdentitiesService, "load">;
  projects: Pick<ProjectsService, "authorize" | "roleOf" | "identityMemberships">;
  audit: AuditService;
}) {
  const { db, identities, projects, audit } = deps;
  const memberships = projects.identityMemberships;

  async function findMembership(tx: Db, ctx: RequestContext, identityId: string, membershipId: string) {
    const identity = await identities.load(tx, ctx, identityId, "identities.read");
    const row = (await memberships.list(tx, identity.orgId, identity.id)).find((m) => m.id === membershipId);
    if (!row) throw notFound("Project membership");
    return { identity, row };
  }

  return {
    /** The memberships in projects the actor can see (org admins see every project). */
    async list(ctx: RequestContext, identityId: string) {
      const identity = await identities.load(db, ctx, identityId, "identities.read");
      const rows = await memberships.list(db, identity.orgId, identity.id);
      const seesAll = ctx.actor.type === "user" && ctx.actor.orgRole === "admin";
      const visible = seesAll
        ? rows
        : await filterAsync(rows, async (row) => (await projects.roleOf(ctx.actor, row.projectId)) !== null);
      return { memberships: visible.map(toMembership) };
    },

    async add(ctx: RequestContext, identityId: string, input: { projectId: string; role: ProjectRole }) {
      try {
        return await db.transaction(async (tx) => {
          const identity = await identities.load(tx, ctx, identityId, "identities.read");
          const project = await projects.authorize(ctx.actor, input.projectId, "project-members.manage", tx);
          const inserted = await memberships.add(tx, {
            orgId: project.orgId,
            projectId: project.id,
            identityId: identity.id,
            role: input.role,
          });
          await audit.record(tx, ctx, {
            action: "identity-membership.add",
            resourceType: "project-membership",
            resourceId: inserted.id,
            projectId: project.id,
            metadata: { identityId: identity.id, identityName: identity.name, role: input.role },
          });
          return toMembership({
            ...inserted,
            identityId: identity.id,
            projectId: project.id,
            projectName: project.name,
            projectSlug: project.slug,
          });
        });
      } catch (error) {
        throw isUniqueViolation(error)
          ? conflict("already_member", "This identity is already a member of the project")
          : error;
      }
    },

    async update(ctx: RequestContext, identityId: string, membershipId: string, role: ProjectRole) {
      return db.transaction(async (tx) => {
        const { identity, row } = await findMembership(tx, ctx, identityId, membershipId);
        await projects.authorize(ctx.actor, row.projectId, "project-members.manage", tx);
        await memberships.setRole(tx, identity.orgId, membershipId, role);
        await audit.record(tx, ctx, {
          action: "identity-membership.update-role",
          resourceType: "project-membership",
          resourceId: membershipId,
          projectId: row.projectId,
          metadata: { identityId: identity.id, from: row.role, to: role },
        });
        return toMembership({ ...row, role });
      });
    },

    async remove(ctx: RequestContext, identityId: string, membershipId: string) {
      return db.transaction(async (tx) => {
        const { identity, row } = await findMembership(tx, ctx, identityId, membershipId);
        await projects.authorize(ctx.actor, row.projectId, "project-members.manage", tx);
        await memberships.remove(tx, identity.orgId, membershipId);
        await audit.record(tx, ctx, {
          action: "identity-membership.remove",
          resourceType: "project-membership",
          resourceId: membershipId,
          projectId: row.projectId,
          metadata: { identityId: identity.id, role: row.role },
        });
        return toMembership(row);
      });
    },
  };
}
export type IdentityMembershipsService = ReturnType<typeof createIdentityMembershipsService>;

async function filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const verdicts = await Promise.all(items.map(keep));
  return items.filter((_, i) => verdicts[i]);
}
