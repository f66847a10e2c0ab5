import { lt, type SQL, sql } from "drizzle-orm";
import type { WithSubquery } from "drizzle-orm/subquery";
import type { Db } from "../../db/client.ts";
import { awsAuthUsedSignatures } from "../../db/schema.ts";

/** SQL for one-time login signatures (see db/schema/aws-auth-login.ts). */
export function createUsedSignaturesRepo() {
  return {
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

    /**
     * record() and, in the same statement, what follows from a first use: `then` gets the condition
     * "this use was the first" and returns data-modifying CTEs written only under it (the token,
     * its audit record). One statement, so no transaction; a concurrent use of the same
     * signature waits on the primary key as above, then writes nothing.
     */
    recordThen: async (
      db: Db,
      row: typeof awsAuthUsedSignatures.$inferInsert,
      then: (firstUse: SQL) => WithSubquery[],
    ): Promise<boolean> => {
      const used = db
        .$with("used")
        .as(
          db
            .insert(awsAuthUsedSignatures)
            .values(row)
            .onConflictDoNothing()
            .returning({ signatureHash: awsAuthUsedSignatures.signatureHash }),
        );
      const first = await db
        .with(used, ...then(sql`exists (select 1 from ${used})`))
        .select({ signatureHash: used.signatureHash })
        .from(used);
      return first.length === 1;
    },

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
