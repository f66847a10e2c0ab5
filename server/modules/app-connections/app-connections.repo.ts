import { and, asc, eq, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appConnections } from "../../db/schema.ts";

export type AppConnectionRow = typeof appConnections.$inferSelect;
export type NewAppConnectionRow = typeof appConnections.$inferInsert;

/** Null: the org's own connections; a project ID: that project's. */
const scopeFilter = (projectId: string | null): SQL =>
  projectId === null ? isNull(appConnections.projectId) : eq(appConnections.projectId, projectId);

/** The only SQL of app connections; every query is scoped by the organisation. */
export function createAppConnectionsRepo() {
  return {
    insert: (db: Db, row: NewAppConnectionRow) =>
      db
        .insert(appConnections)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    find: (db: Db, orgId: string, id: string) =>
      db
        .select()
        .from(appConnections)
        .where(and(eq(appConnections.orgId, orgId), eq(appConnections.id, id)))
        .then((r) => r[0] ?? null),
    /** Locks the row for a read-modify-write (credential update, test, delete). */
    findForUpdate: (db: Db, orgId: string, id: string) =>
      db
        .select()
        .from(appConnections)
        .where(and(eq(appConnections.orgId, orgId), eq(appConnections.id, id)))
        .for("update")
        .then((r) => r[0] ?? null),
    findByName: (db: Db, orgId: string, projectId: string | null, name: string) =>
      db
        .select()
        .from(appConnections)
        .where(and(eq(appConnections.orgId, orgId), scopeFilter(projectId), eq(appConnections.name, name)))
        .then((r) => r[0] ?? null),
    /** The org's connections (projectId null), or a project's own together with the org's when `withOrgScoped`. */
    list: (db: Db, orgId: string, projectId: string | null, withOrgScoped: boolean) =>
      db
        .select()
        .from(appConnections)
        .where(
          and(
            eq(appConnections.orgId, orgId),
            projectId !== null && withOrgScoped
              ? or(scopeFilter(projectId), scopeFilter(null))
              : scopeFilter(projectId),
          ),
        )
        .orderBy(asc(appConnections.name), asc(appConnections.id)),
    update: (
      db: Db,
      orgId: string,
      id: string,
      patch: Partial<Omit<AppConnectionRow, "id" | "orgId" | "projectId" | "method" | "createdAt">>,
    ) =>
      db
        .update(appConnections)
        .set(patch)
        .where(and(eq(appConnections.orgId, orgId), eq(appConnections.id, id)))
        .returning()
        .then((r) => r[0] ?? null),
    remove: (db: Db, orgId: string, id: string) =>
      db.delete(appConnections).where(and(eq(appConnections.orgId, orgId), eq(appConnections.id, id))),
  };
}
export type AppConnectionsRepo = ReturnType<typeof createAppConnectionsRepo>;
