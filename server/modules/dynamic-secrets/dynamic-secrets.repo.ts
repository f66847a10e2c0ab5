import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { dynamicSecrets } from "../../db/schema.ts";

export type DynamicSecretRow = typeof dynamicSecrets.$inferSelect;
export type DynamicSecretInsert = typeof dynamicSecrets.$inferInsert;
export type DynamicSecretPatch = Partial<
  Omit<DynamicSecretInsert, "id" | "orgId" | "projectId" | "environmentId" | "folderPath" | "createdAt">
>;

/** Every query is scoped by org: a secret of another organisation is never found. */
export function createDynamicSecretsRepo() {
  const byId = (orgId: string, id: string) => and(eq(dynamicSecrets.orgId, orgId), eq(dynamicSecrets.id, id));
  const atLocation = (orgId: string, environmentId: string, folderPath: string, name: string) =>
    and(
      eq(dynamicSecrets.orgId, orgId),
      eq(dynamicSecrets.environmentId, environmentId),
      eq(dynamicSecrets.folderPath, folderPath),
      eq(dynamicSecrets.name, name),
    );
  return {
    insert: (db: Db, row: DynamicSecretInsert) =>
      db
        .insert(dynamicSecrets)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    findById: (db: Db, orgId: string, id: string) =>
      db
        .select()
        .from(dynamicSecrets)
        .where(byId(orgId, id))
        .then((r) => r[0] ?? null),
    /** Locks the row for the rest of the transaction: lease quota checks and deletes serialise on it. */
    lockById: (db: Db, orgId: string, id: string) =>
      db
        .select()
        .from(dynamicSecrets)
        .where(byId(orgId, id))
        .for("update")
        .then((r) => r[0] ?? null),
    findByLocation: (db: Db, orgId: string, environmentId: string, folderPath: string, name: string) =>
      db
        .select()
        .from(dynamicSecrets)
        .where(atLocation(orgId, environmentId, folderPath, name))
        .then((r) => r[0] ?? null),
    lockByLocation: (db: Db, orgId: string, environmentId: string, folderPath: string, name: string) =>
      db
        .select()
        .from(dynamicSecrets)
        .where(atLocation(orgId, environmentId, folderPath, name))
        .for("update")
        .then((r) => r[0] ?? null),
    listAtLocation: (db: Db, orgId: string, environmentId: string, folderPath: string) =>
      db
        .select()
        .from(dynamicSecrets)
        .where(
          and(
            eq(dynamicSecrets.orgId, orgId),
            eq(dynamicSecrets.environmentId, environmentId),
            eq(dynamicSecrets.folderPath, folderPath),
          ),
        )
        .orderBy(asc(dynamicSecrets.name)),
    /** Applies a patch and bumps the version, only if nobody changed the row since `version`. */
    update: (db: Db, orgId: string, id: string, version: number, patch: DynamicSecretPatch) =>
      db
        .update(dynamicSecrets)
        .set({ ...patch, version: sql`${dynamicSecrets.version} + 1` })
        .where(and(byId(orgId, id), eq(dynamicSecrets.version, version)))
        .returning()
        .then((r) => r[0] ?? null),
    markDeleting: (db: Db, orgId: string, id: string, at: Date) =>
      db
        .update(dynamicSecrets)
        .set({ deletingAt: at })
        .where(and(byId(orgId, id), isNull(dynamicSecrets.deletingAt)))
        .returning()
        .then((r) => r[0] ?? null),
    clearDeleting: (db: Db, orgId: string, id: string) =>
      db.update(dynamicSecrets).set({ deletingAt: null }).where(byId(orgId, id)),
    delete: (db: Db, orgId: string, id: string) => db.delete(dynamicSecrets).where(byId(orgId, id)),
    /** The dynamic secrets that use an App Connection (why deleting it is refused). */
    listUsingConnection: (db: Db, orgId: string, connectionId: string) =>
      db
        .select({ id: dynamicSecrets.id, name: dynamicSecrets.name, projectId: dynamicSecrets.projectId })
        .from(dynamicSecrets)
        .where(and(eq(dynamicSecrets.orgId, orgId), eq(dynamicSecrets.appConnectionId, connectionId))),
  };
}
export type DynamicSecretsRepo = ReturnType<typeof createDynamicSecretsRepo>;
