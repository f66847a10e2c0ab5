import { and, asc, count, eq, ilike, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { ProjectRole } from "#shared/schemas/common.ts";
import type { Db } from "../../db/client.ts";
import { preparedPerDb } from "../../db/prepared-query.ts";
import { environments, projectMemberships, projects, users } from "../../db/schema.ts";

export type ProjectRow = typeof projects.$inferSelect;
export type EnvironmentRow = typeof environments.$inferSelect;
/** A person or a machine identity; project memberships hold either. */
export type Principal = { userId: string } | { identityId: string };

const principalFilter = (principal: Principal): SQL =>
  "userId" in principal
    ? eq(projectMemberships.userId, principal.userId)
    : eq(projectMemberships.identityId, principal.identityId);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The location query of findLocation, for a person's or a machine identity's membership. */
const locationQuery = (principalColumn: "userId" | "identityId", name: string) =>
  preparedPerDb((db) =>
    db
      .select({
        project: projects,
        role: sql<ProjectRole | null>`(select ${projectMemberships.role} from ${projectMemberships}
          where ${and(
            eq(projectMemberships.orgId, projects.orgId),
            eq(projectMemberships.projectId, projects.id),
            eq(projectMemberships[principalColumn], sql.placeholder("principalId")),
          )})`,
        environment: environments,
      })
      .from(projects)
      .leftJoin(
        environments,
        and(
          eq(environments.orgId, projects.orgId),
          eq(environments.projectId, projects.id),
          eq(environments.slug, sql.placeholder("environmentSlug")),
        ),
      )
      .where(and(eq(projects.orgId, sql.placeholder("orgId")), eq(projects.slug, sql.placeholder("projectSlug"))))
      .prepare(name),
  );
const findLocationOfUser = locationQuery("userId", "leasehold_find_location_of_user");
const findLocationOfIdentity = locationQuery("identityId", "leasehold_find_location_of_identity");

export function createProjectsRepo() {
  return {
    insertProject: (db: Db, row: typeof projects.$inferInsert) =>
      db
        .insert(projects)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    findProject: (db: Db, orgId: string, projectId: string) =>
      db
        .select()
        .from(projects)
        .where(and(eq(projects.orgId, orgId), eq(projects.id, projectId)))
        .then((r) => r[0] ?? null),
    findProjectBySlug: (db: Db, orgId: string, slug: string) =>
      db
        .select()
        .from(projects)
        .where(and(eq(projects.orgId, orgId), eq(projects.slug, slug)))
        .then((r) => r[0] ?? null),
    /** Projects the principal may see: all of the org's (org admins), or those it is a member of. */
    async listProjects(
      db: Db,
      orgId: string,
      q: { offset: number; limit: number; search?: string | undefined; memberOf: Principal | null },
    ) {
      const filters: (SQL | undefined)[] = [eq(projects.orgId, orgId)];
      if (q.search)
        filters.push(
          or(ilike(projects.name, `%${escapeLike(q.search)}%`), ilike(projects.slug, `%${escapeLike(q.search)}%`)),
        );
      if (q.memberOf) {
        filters.push(
          inArray(
            projects.id,
            db
              .select({ id: projectMemberships.projectId })
              .from(projectMemberships)
              .where(and(eq(projectMemberships.orgId, orgId), principalFilter(q.memberOf))),
          ),
        );
      }
      const where = and(...filters);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(projects)
          .where(where)
          .orderBy(asc(projects.name), asc(projects.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ value: count() }).from(projects).where(where),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },
    updateProject: (
      db: Db,
      orgId: string,
      projectId: string,
      patch: Partial<Pick<ProjectRow, "name" | "slug" | "updatedAt">>,
    ) =>
      db
        .update(projects)
        .set(patch)
        .where(and(eq(projects.orgId, orgId), eq(projects.id, projectId)))
        .returning()
        .then((r) => r[0] ?? null),
    deleteProject: (db: Db, orgId: string, projectId: string) =>
      db.delete(projects).where(and(eq(projects.orgId, orgId), eq(projects.id, projectId))),

    listEnvironments: (db: Db, orgId: string, projectIds: string[]) =>
      projectIds.length === 0
        ? Promise.resolve([] as EnvironmentRow[])
        : db
            .select()
            .from(environments)
            .where(and(eq(environments.orgId, orgId), inArray(environments.projectId, projectIds)))
            .orderBy(asc(environments.position), asc(environments.createdAt)),
    findEnvironment: (db: Db, orgId: string, projectId: string, environmentId: string) =>
      db
        .select()
        .from(environments)
        .where(
          and(eq(environments.orgId, orgId), eq(environments.projectId, projectId), eq(environments.id, environmentId)),
        )
        .then((r) => r[0] ?? null),
    insertEnvironments: (db: Db, rows: (typeof environments.$inferInsert)[]) =>
      db.insert(environments).values(rows).returning(),
    nextEnvironmentPosition: (db: Db, orgId: string, projectId: string) =>
      db
        .select({ value: sql<number>`coalesce(max(${environments.position}), -1) + 1` })
        .from(environments)
        .where(and(eq(environments.orgId, orgId), eq(environments.projectId, projectId)))
        .then((r) => Number(r[0]?.value ?? 0)),
    updateEnvironment: (
      db: Db,
      orgId: string,
      environmentId: string,
      patch: Partial<Pick<EnvironmentRow, "name" | "slug">>,
    ) =>
      db
        .update(environments)
        .set(patch)
        .where(and(eq(environments.orgId, orgId), eq(environments.id, environmentId)))
        .returning()
        .then((r) => r[0] ?? null),
    deleteEnvironment: (db: Db, orgId: string, environmentId: string) =>
      db.delete(environments).where(and(eq(environments.orgId, orgId), eq(environments.id, environmentId))),

    /**
     * A project by slug, the principal's role in it and one of its environments by slug, in one
     * prepared query: what every dynamic-secret and lease request resolves first (decision 0912).
     */
    findLocation: (db: Db, orgId: string, projectSlug: string, principal: Principal, environmentSlug: string) =>
      ("userId" in principal ? findLocationOfUser : findLocationOfIdentity)(db)
        .execute({
          orgId,
          projectSlug,
          environmentSlug,
          principalId: "userId" in principal ? principal.userId : principal.identityId,
        })
        .then((r) => r[0] ?? null),
    findRole: (db: Db, orgId: string, projectId: string, principal: Principal) =>
      db
        .select({ role: projectMemberships.role })
        .from(projectMemberships)
        .where(
          and(
            eq(projectMemberships.orgId, orgId),
            eq(projectMemberships.projectId, projectId),
            principalFilter(principal),
          ),
        )
        .then((r) => (r[0]?.role ?? null) as ProjectRole | null),
    insertMembership: (
      db: Db,
      row: { id: string; orgId: string; projectId: string; principal: Principal; role: ProjectRole; createdAt: Date },
    ) =>
      db
        .insert(projectMemberships)
        .values({
          id: row.id,
          orgId: row.orgId,
          projectId: row.projectId,
          role: row.role,
          createdAt: row.createdAt,
          userId: "userId" in row.principal ? row.principal.userId : null,
          identityId: "identityId" in row.principal ? row.principal.identityId : null,
        })
        .returning()
        .then((r) => r[0]!),
    /** People's memberships of one project, with their names. */
    listUserMemberships: (db: Db, orgId: string, projectId: string) =>
      db
        .select({
          id: projectMemberships.id,
          projectId: projectMemberships.projectId,
          userId: users.id,
          email: users.email,
          name: users.name,
          role: projectMemberships.role,
          createdAt: projectMemberships.createdAt,
        })
        .from(projectMemberships)
        .innerJoin(users, eq(users.id, projectMemberships.userId))
        .where(
          and(
            eq(projectMemberships.orgId, orgId),
            eq(projectMemberships.projectId, projectId),
            isNotNull(projectMemberships.userId),
          ),
        )
        .orderBy(asc(users.email)),
    /** A machine identity's memberships across the org's projects, with the projects' names. */
    listIdentityMemberships: (db: Db, orgId: string, identityId: string) =>
      db
        .select({
          id: projectMemberships.id,
          identityId: projectMemberships.identityId,
          projectId: projects.id,
          projectName: projects.name,
          projectSlug: projects.slug,
          role: projectMemberships.role,
          createdAt: projectMemberships.createdAt,
        })
        .from(projectMemberships)
        .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
        .where(and(eq(projectMemberships.orgId, orgId), eq(projectMemberships.identityId, identityId)))
        .orderBy(asc(projects.name)),
    findMembership: (db: Db, orgId: string, projectId: string, membershipId: string) =>
      db
        .select()
        .from(projectMemberships)
        .where(
          and(
            eq(projectMemberships.orgId, orgId),
            eq(projectMemberships.projectId, projectId),
            eq(projectMemberships.id, membershipId),
          ),
        )
        .then((r) => r[0] ?? null),
    updateMembershipRole: (db: Db, orgId: string, membershipId: string, role: ProjectRole) =>
      db
        .update(projectMemberships)
        .set({ role })
        .where(and(eq(projectMemberships.orgId, orgId), eq(projectMemberships.id, membershipId))),
    deleteMembership: (db: Db, orgId: string, membershipId: string) =>
      db
        .delete(projectMemberships)
        .where(and(eq(projectMemberships.orgId, orgId), eq(projectMemberships.id, membershipId))),
    deleteMembershipsOf: (db: Db, orgId: string, principal: Principal) =>
      db.delete(projectMemberships).where(and(eq(projectMemberships.orgId, orgId), principalFilter(principal))),
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
