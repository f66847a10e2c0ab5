import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { preparedPerDb } from "../../db/prepared-query.ts";
import { awsAuthUsedSignatures, identities, identityAwsAuths } from "../../db/schema.ts";

export type AwsAuthRow = typeof identityAwsAuths.$inferSelect;
export type AwsAuthPatch = Partial<Omit<AwsAuthRow, "id" | "orgId" | "identityId" | "createdAt">>;

const findForLoginStatement = preparedPerDb((db) =>
  db
    .select({
      identity: identities,
      awsAuth: identityAwsAuths,
      // The replay check rides along: one round trip fewer on every login (decision 0912).
      signatureUsed: sql<boolean>`exists (select 1 from ${awsAuthUsedSignatures}
        where ${awsAuthUsedSignatures.signatureHash} = ${sql.placeholder("signatureHash")})`,
    })
    .from(identityAwsAuths)
    .innerJoin(identities, eq(identities.id, identityAwsAuths.identityId))
    .where(eq(identityAwsAuths.identityId, sql.placeholder("identityId")))
    .prepare("leasehold_find_for_aws_login"),
);

/** SQL for identities' AWS Auth configuration. */
export function createAwsAuthRepo() {
  return {
    find: (db: Db, orgId: string, identityId: string) =>
      db
        .select()
        .from(identityAwsAuths)
        .where(and(eq(identityAwsAuths.orgId, orgId), eq(identityAwsAuths.identityId, identityId)))
        .then((r) => r[0] ?? null),
    insert: (db: Db, row: typeof identityAwsAuths.$inferInsert) =>
      db
        .insert(identityAwsAuths)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    update: (db: Db, orgId: string, identityId: string, patch: AwsAuthPatch) =>
      db
        .update(identityAwsAuths)
        .set(patch)
        .where(and(eq(identityAwsAuths.orgId, orgId), eq(identityAwsAuths.identityId, identityId)))
        .returning()
        .then((r) => r[0] ?? null),
    /** Bindings learnt at a login; one already there (another login's, at the same moment) is kept. */
    learnBindings: (db: Db, id: string, learnt: AwsAuthRow["principalBindings"]) =>
      db
        .update(identityAwsAuths)
        .set({ principalBindings: sql`${JSON.stringify(learnt)}::jsonb || ${identityAwsAuths.principalBindings}` })
        .where(eq(identityAwsAuths.id, id)),
    delete: (db: Db, orgId: string, identityId: string) =>
      db
        .delete(identityAwsAuths)
        .where(and(eq(identityAwsAuths.orgId, orgId), eq(identityAwsAuths.identityId, identityId))),

    /**
     * The identity and its AWS Auth for a login, and whether the login's signature was used
     * before. The caller is not yet known to belong to any org, so this is the one lookup by
     * identity ID alone; the row carries its orgId.
     */
    findForLogin: (db: Db, identityId: string, signatureHash: string) =>
      findForLoginStatement(db)
        .execute({ identityId, signatureHash })
        .then((r) => r[0] ?? null),
  };
}
export type AwsAuthRepo = ReturnType<typeof createAwsAuthRepo>;
