import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { awsAuthUsedSignatures } from "../../db/schema.ts";

/** SQL for one-time login signatures (see db/schema/aws-auth-login.ts). */
export function createUsedSignaturesRepo() {
  return {
    wasUsed: (db: Db, signatureHash: string) =>
      db
        .select({ one: sql`1` })
        .from(awsAuthUsedSignatures)
        .where(eq(awsAuthUsedSignatures.signatureHash, signatureHash))
        .then((r) => r.length > 0),

    /**
     * Records a use; false when the signature was already recorded. Inside the login's
     * transaction, a concurrent use of the same signature on another instance waits on the
     * primary key and then finds the row, so exactly one of them gets a token.
     */
    record: (db: Db, row: typeof awsAuthUsedSignatures.$inferInsert) =>
      db
        .insert(awsAuthUsedSignatures)
        .values(row)
        .onConflictDoNothing()
        .returning({ signatureHash: awsAuthUsedSignatures.signatureHash })
        .then((r) => r.length === 1),

    /** Deletes the records that the freshness window makes useless; idempotent. */
    purgeBefore: (db: Db, now: Date) =>
      db
        .delete(awsAuthUsedSignatures)
        .where(lt(awsAuthUsedSignatures.keepUntil, now))
        .returning({ signatureHash: awsAuthUsedSignatures.signatureHash })
        .then((r) => r.length),
  };
}
export type UsedSignaturesRepo = ReturnType<typeof createUsedSignaturesRepo>;
