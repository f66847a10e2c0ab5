import { and, asc, count, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { identities, identityAwsAuths } from "../../db/schema.ts";

export type IdentityRow = typeof identities.$inferSelect;
export type IdentityWithAuth = IdentityRow & { hasAwsAuth: boolean };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

const withAuthColumns = {
  id: identities.id,
  orgId: identities.orgId,
  name: identities.name,
  role: identities.role,
  createdAt: identities.createdAt,
  updatedAt: identities.updatedAt,
  hasAwsAuth: sql<boolean>`${identityAwsAuths.id} is not null`,
};

/** SQL for machine identities; every query is scoped by org. */
export function createIdentitiesRepo() {
  const selectWithAuth = (db: Db) =>
    db
      .select(withAuthColumns)
      .from(identities)
      .leftJoin(identityAwsAuths, eq(identityAwsAuths.identityId, identities.id));

  return {
    insert: (db: Db, row: typeof identities.$inferInsert) =>
      db
        .insert(identities)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    find: (db: Db, orgId: string, identityId: string): Promise<IdentityWithAuth | null> =>
      selectWithAuth(db)
        .where(and(eq(identities.orgId, orgId), eq(identities.id, identityId)))
        .then((r) => (r[0] ? { ...r[0], hasAwsAuth: Boolean(r[0].hasAwsAuth) } : null)),
    exists: (db: Db, orgId: string, identityId: string) =>
      db
        .select({ id: identities.id })
        .from(identities)
        .where(and(eq(identities.orgId, orgId), eq(identities.id, identityId)))
        .then((r) => r.length === 1),
    async list(db: Db, orgId: string, q: { offset: number; limit: number; search?: string | undefined }) {
      const filters: (SQL | undefined)[] = [eq(identities.orgId, orgId)];
      if (q.search) filters.push(ilike(identities.name, `%${escapeLike(q.search)}%`));
      const where = and(...filters);
      const [rows, [total]] = await Promise.all([
        selectWithAuth(db)
          .where(where)
          .orderBy(asc(identities.name), asc(identities.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ value: count() }).from(identities).where(where),
      ]);
      return { rows: rows.map((r) => ({ ...r, hasAwsAuth: Boolean(r.hasAwsAuth) })), totalCount: total?.value ?? 0 };
    },
    update: (
      db: Db,
      orgId: string,
      identityId: string,
      patch: Partial<Pick<IdentityRow, "name" | "role" | "updatedAt">>,
    ) =>
      db
        .update(identities)
        .set(patch)
        .where(and(eq(identities.orgId, orgId), eq(identities.id, identityId)))
        .returning()
        .then((r) => r[0] ?? null),
    /** Cascades to its AWS Auth, tokens and project memberships. */
    delete: (db: Db, orgId: string, identityId: string) =>
      db.delete(identities).where(and(eq(identities.orgId, orgId), eq(identities.id, identityId))),
  };
}
export type IdentitiesRepo = ReturnType<typeof createIdentitiesRepo>;
