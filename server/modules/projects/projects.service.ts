import type { ProjectAction } from "#shared/permissions.ts";
import type { ProjectRole } from "#shared/schemas/common.ts";
import { slugify } from "#shared/schemas/common.ts";
import type { CreateProjectInput, Environment, Project, ProjectMembership } from "#shared/schemas/projects.ts";
import type { Actor, Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { conflict, fieldError, notFound } from "../../lib/http/errors.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { EnvironmentRow, Principal, ProjectRow, ProjectsRepo } from "./projects.repo.ts";

const DEFAULT_ENVIRONMENTS = [
  { name: "Development", slug: "dev" },
  { name: "Staging", slug: "staging" },
  { name: "Production", slug: "prod" },
];

const principalOf = (actor: Actor): Principal =>
  actor.type === "user" ? { userId: actor.id } : { identityId: actor.id };

export function createProjectsService(deps: {
  db: Db;
  repo: ProjectsRepo;
  access: Access;
  audit: AuditService;
  clock: Clock;
  randomId: () => string;
  /** Whether a person belongs to the org (answered by the people module). */
  isOrgMember: (tx: Db, orgId: string, userId: string) => Promise<boolean>;
}) {
  const { db, repo, access, audit, clock, randomId } = deps;

  async function withEnvironments(tx: Db, rows: ProjectRow[]): Promise<Project[]> {
    const envs = await repo.listEnvironments(
      tx,
      rows[0]?.orgId ?? "",
      rows.map((r) => r.id),
    );
    return rows.map((row) =>
      toProject(
        row,
        envs.filter((e) => e.projectId === row.id),
      ),
    );
  }

  /** Loads a project of the actor's org and checks the action; 404 when it cannot even be read. */
  async function authorize(actor: Actor, project: ProjectRow | null, action: ProjectAction, tx: Db = db) {
    if (!project) throw notFound("Project");
    const membershipRole = await repo.findRole(tx, actor.orgId, project.id, principalOf(actor));
    access.requireProject(actor, { orgId: project.orgId, projectId: project.id, membershipRole }, action);
    return project;
  }

  const slugTaken = () =>
    fieldError(["slug"], "A project with this slug already exists in your organization", "slug_taken");

  const service = {
    authorize: (actor: Actor, projectId: string, action: ProjectAction, tx: Db = db) =>
      repo.findProject(tx, actor.orgId, projectId).then((p) => authorize(actor, p, action, tx)),
    /**
     * A project by slug and one of its environments, in one query: 404 for a project the actor
     * cannot read, 403 for the action, then 404 for the environment.
     */
    async authorizeLocation(
      actor: Actor,
      projectSlug: string,
      environmentSlug: string,
      action: ProjectAction,
      tx: Db = db,
    ): Promise<{ project: ProjectRow; environment: EnvironmentRow }> {
      const found = await repo.findLocation(tx, actor.orgId, projectSlug, principalOf(actor), environmentSlug);
      if (!found) throw notFound("Project");
      const { project, role: membershipRole, environment } = found;
      access.requireProject(actor, { orgId: project.orgId, projectId: project.id, membershipRole }, action);
      if (!environment) throw notFound(`Environment "${environmentSlug}"`);
      return { project, environment };
    },
    async roleOf(actor: Actor, projectId: string, tx: Db = db): Promise<ProjectRole | null> {
      return repo.findRole(tx, actor.orgId, projectId, principalOf(actor));
    },

    async list(ctx: RequestContext, query: { offset: number; limit: number; search?: string | undefined }) {
      const seesAll = ctx.actor.type === "user" && ctx.actor.orgRole === "admin";
      const { rows, totalCount } = await repo.listProjects(db, ctx.actor.orgId, {
        ...query,
        memberOf: seesAll ? null : principalOf(ctx.actor),
      });
      return { projects: await withEnvironments(db, rows), totalCount };
    },

    /** Creates a project with dev, staging and prod; the creator becomes its admin. */
    async createInTransaction(tx: Db, ctx: RequestContext, input: CreateProjectInput) {
      access.requireOrg(ctx.actor, ctx.actor.orgId, "projects.create");
      const slug = input.slug ?? (slugify(input.name) || "project");
      if (await repo.findProjectBySlug(tx, ctx.actor.orgId, slug)) throw slugTaken();
      const now = clock.now();
      const project = await repo.insertProject(tx, {
        id: randomId(),
        orgId: ctx.actor.orgId,
        name: input.name,
        slug,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertEnvironments(
        tx,
        DEFAULT_ENVIRONMENTS.map((env, position) => ({
          id: randomId(),
          orgId: project.orgId,
          projectId: project.id,
          ...env,
          position,
          createdAt: now,
        })),
      );
      await repo.insertMembership(tx, {
        id: randomId(),
        orgId: project.orgId,
        projectId: project.id,
        principal: principalOf(ctx.actor),
        role: "admin",
        createdAt: now,
      });
      await audit.record(tx, ctx, {
        action: "project.create",
        resourceType: "project",
        resourceId: project.id,
        projectId: project.id,
        metadata: { name: project.name, slug },
      });
      return (await withEnvironments(tx, [project]))[0]!;
    },
    async create(ctx: RequestContext, input: CreateProjectInput) {
      try {
        return await db.transaction((tx) => service.createInTransaction(tx, ctx, input));
      } catch (error) {
        throw isUniqueViolation(error) ? slugTaken() : error;
      }
    },

    async get(ctx: RequestContext, projectId: string) {
      const project = await service.authorize(ctx.actor, projectId, "project.read");
      return (await withEnvironments(db, [project]))[0]!;
    },

    async update(
      ctx: RequestContext,
      projectId: string,
      patch: { name?: string | undefined; slug?: string | undefined },
    ) {
      try {
        return await db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "project.update", tx);
          const updated = await repo.updateProject(tx, project.orgId, project.id, {
            ...pickDefined(patch),
            updatedAt: clock.now(),
          });
          await audit.record(tx, ctx, {
            action: "project.update",
            resourceType: "project",
            resourceId: project.id,
            projectId: project.id,
            metadata: pickDefined(patch),
          });
          return (await withEnvironments(tx, [updated!]))[0]!;
        });
      } catch (error) {
        throw isUniqueViolation(error) ? slugTaken() : error;
      }
    },

    async remove(ctx: RequestContext, projectId: string) {
      return refuseWhileInUse("project", () =>
        db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "project.delete", tx);
          const result = (await withEnvironments(tx, [project]))[0]!;
          await repo.deleteProject(tx, project.orgId, project.id);
          await audit.record(tx, ctx, {
            action: "project.delete",
            resourceType: "project",
            resourceId: project.id,
            projectId: project.id,
            metadata: { name: project.name },
          });
          return result;
        }),
      );
    },

    async createEnvironment(ctx: RequestContext, projectId: string, input: { name: string; slug: string }) {
      return mapEnvConflict(() =>
        db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "environments.manage", tx);
          const position = await repo.nextEnvironmentPosition(tx, project.orgId, project.id);
          const [env] = await repo.insertEnvironments(tx, [
            { id: randomId(), orgId: project.orgId, projectId: project.id, ...input, position, createdAt: clock.now() },
          ]);
          await audit.record(tx, ctx, {
            action: "environment.create",
            resourceType: "environment",
            resourceId: env!.id,
            projectId: project.id,
            metadata: input,
          });
          return toEnvironment(env!);
        }),
      );
    },
    async updateEnvironment(
      ctx: RequestContext,
      projectId: string,
      environmentId: string,
      patch: { name?: string | undefined; slug?: string | undefined },
    ) {
      return mapEnvConflict(() =>
        db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "environments.manage", tx);
          if (!(await repo.findEnvironment(tx, project.orgId, project.id, environmentId)))
            throw notFound("Environment");
          const env = await repo.updateEnvironment(tx, project.orgId, environmentId, pickDefined(patch));
          await audit.record(tx, ctx, {
            action: "environment.update",
            resourceType: "environment",
            resourceId: environmentId,
            projectId: project.id,
            metadata: pickDefined(patch),
          });
          return toEnvironment(env!);
        }),
      );
    },
    async removeEnvironment(ctx: RequestContext, projectId: string, environmentId: string) {
      return refuseWhileInUse("environment", () =>
        db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "environments.manage", tx);
          const env = await repo.findEnvironment(tx, project.orgId, project.id, environmentId);
          if (!env) throw notFound("Environment");
          await repo.deleteEnvironment(tx, project.orgId, environmentId);
          await audit.record(tx, ctx, {
            action: "environment.delete",
            resourceType: "environment",
            resourceId: environmentId,
            projectId: project.id,
            metadata: { slug: env.slug },
          });
          return toEnvironment(env);
        }),
      );
    },

    async listMemberships(ctx: RequestContext, projectId: string) {
      const project = await service.authorize(ctx.actor, projectId, "project.read");
      return { memberships: (await repo.listUserMemberships(db, project.orgId, project.id)).map(toMembership) };
    },
    /** Adds a person of the org to the project. */
    async addMembership(ctx: RequestContext, projectId: string, input: { userId: string; role: ProjectRole }) {
      try {
        return await db.transaction(async (tx) => {
          const project = await service.authorize(ctx.actor, projectId, "project-members.manage", tx);
          if (!(await deps.isOrgMember(tx, project.orgId, input.userId)))
            throw fieldError(["userId"], "This person is not a member of your organization");
          const row = await repo.insertMembership(tx, {
            id: randomId(),
            orgId: project.orgId,
            projectId: project.id,
            principal: { userId: input.userId },
            role: input.role,
            createdAt: clock.now(),
          });
          await audit.record(tx, ctx, {
            action: "project-member.add",
            resourceType: "project-membership",
            resourceId: row.id,
            projectId: project.id,
            metadata: input,
          });
          return findMembershipView(tx, project.orgId, project.id, row.id);
        });
      } catch (error) {
        throw isUniqueViolation(error)
          ? conflict("already_member", "This person is already a member of the project")
          : error;
      }
    },
    async updateMembership(ctx: RequestContext, projectId: string, membershipId: string, role: ProjectRole) {
      return db.transaction(async (tx) => {
        const project = await service.authorize(ctx.actor, projectId, "project-members.manage", tx);
        const row = await repo.findMembership(tx, project.orgId, project.id, membershipId);
        if (!row?.userId) throw notFound("Project membership");
        await repo.updateMembershipRole(tx, project.orgId, membershipId, role);
        await audit.record(tx, ctx, {
          action: "project-member.update-role",
          resourceType: "project-membership",
          resourceId: membershipId,
          projectId: project.id,
          metadata: { from: row.role, to: role },
        });
        return findMembershipView(tx, project.orgId, project.id, membershipId);
      });
    },
    async removeMembership(ctx: RequestContext, projectId: string, membershipId: string) {
      return db.transaction(async (tx) => {
        const project = await service.authorize(ctx.actor, projectId, "project-members.manage", tx);
        const view = await findMembershipView(tx, project.orgId, project.id, membershipId);
        await repo.deleteMembership(tx, project.orgId, membershipId);
        await audit.record(tx, ctx, {
          action: "project-member.remove",
          resourceType: "project-membership",
          resourceId: membershipId,
          projectId: project.id,
          metadata: { userId: view.userId },
        });
        return view;
      });
    },
    removeUserFromOrgProjects: (tx: Db, orgId: string, userId: string) =>
      repo.deleteMembershipsOf(tx, orgId, { userId }),
    /**
     * Machine identities' memberships, for the identities module: it applies its own rules
     * (project-members.manage on the project) and audits; this module owns the SQL.
     */
    identityMemberships: {
      list: (tx: Db, orgId: string, identityId: string) => repo.listIdentityMemberships(tx, orgId, identityId),
      add: (tx: Db, row: { orgId: string; projectId: string; identityId: string; role: ProjectRole }) =>
        repo.insertMembership(tx, {
          id: randomId(),
          orgId: row.orgId,
          projectId: row.projectId,
          principal: { identityId: row.identityId },
          role: row.role,
          createdAt: clock.now(),
        }),
      setRole: (tx: Db, orgId: string, membershipId: string, role: ProjectRole) =>
        repo.updateMembershipRole(tx, orgId, membershipId, role),
      remove: (tx: Db, orgId: string, membershipId: string) => repo.deleteMembership(tx, orgId, membershipId),
    },
  };

  async function findMembershipView(tx: Db, orgId: string, projectId: string, membershipId: string) {
    const found = (await repo.listUserMemberships(tx, orgId, projectId)).find((m) => m.id === membershipId);
    if (!found) throw notFound("Project membership");
    return toMembership(found);
  }

  return service;
}
export type ProjectsService = ReturnType<typeof createProjectsService>;

/**
 * Dynamic secrets reference their project and environment with ON DELETE RESTRICT, so
 * that deleting either can never drop lease rows (and with them the record of IAM users
 * to clean up). The database refuses; we say what to do instead.
 */
async function refuseWhileInUse<T>(what: "project" | "environment", run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    throw conflict(
      "in_use",
      `This ${what} still holds dynamic secrets. ` +
        "Delete them first: that revokes their leases and removes their IAM users.",
    );
  }
}

async function mapEnvConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isUniqueViolation(error)
      ? fieldError(["slug"], "An environment with this slug already exists in the project", "slug_taken")
      : error;
  }
}

function pickDefined<T extends object>(patch: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as never;
}

const toEnvironment = (row: EnvironmentRow): Environment => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  position: row.position,
});

function toProject(row: ProjectRow, envs: EnvironmentRow[]): Project {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    slug: row.slug,
    environments: envs.map(toEnvironment),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toMembership(row: {
  id: string;
  projectId: string;
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  createdAt: Date;
}): ProjectMembership {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
