import { and, count, desc, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { identities, identityAccessTokens, identityAwsAuths } from "../../db/schema.ts";

export type TokenRow = typeof identityAccessTokens.$inferSelect;

/** A token that can still be used at `now`: not revoked, not expired, uses left. */
const usableAt = (now: Date): SQL =>
  and(
    isNull(identityAccessTokens.revokedAt),
    gt(identityAccessTokens.expiresAt, now),
    or(eq(identityAccessTokens.numUsesLimit, 0), lt(identityAccessTokens.numUses, identityAccessTokens.numUsesLimit)),
  )!;

/** SQL for identity access tokens. */
export function createTokensRepo() {
  return {
    insert: (db: Db, row: typeof identityAccessTokens.$inferInsert) =>
      db.insert(identityAccessTokens).values(row).returning().then((r) => r[0]!),

    /**
     * A presented token with what the check needs: its identity and the identity's current
     * trusted IPs. Looked up by hash alone, across organisations: the bearer is not yet
     * known to belong to any org, and the hash is unguessable.
     */
    findByHash: (db: Db, tokenHash: string) =>
      db
        .select({
          token: identityAccessTokens,
          identityName: identities.name,
          identityRole: identities.role,
          trustedIps: identityAwsAuths.accessTokenTrustedIps,
        })
        .from(identityAccessTokens)
        .innerJoin(identities, eq(identities.id, identityAccessTokens.identityId))
        .leftJoin(identityAwsAuths, eq(identityAwsAuths.identityId, identityAccessTokens.identityId))
        .where(eq(identityAccessTokens.tokenHash, tokenHash))
        .then((r) => r[0] ?? null),

    /**
     * Counts one use. The condition and the increment are one statement, so under any
     * concurrency exactly `limit` uses succeed; null when the token was used up, revoked
     * or expired in the meantime.
     */
    recordUse: (db: Db, tokenId: string, now: Date) =>
      db
        .update(identityAccessTokens)
        .set({ numUses: sql`${identityAccessTokens.numUses} + 1`, lastUsedAt: now })
        .where(and(eq(identityAccessTokens.id, tokenId), usableAt(now)))
        .returning({ numUses: identityAccessTokens.numUses })
        .then((r) => r[0] ?? null),

    /** Moves the expiry of a still-usable token; null when it stopped being usable meanwhile. */
    renew: (db: Db, tokenId: string, now: Date, expiresAt: Date) =>
      db
        .update(identityAccessTokens)
        .set({ expiresAt, lastRenewedAt: now })
        .where(and(eq(identityAccessTokens.id, tokenId), usableAt(now)))
        .returning()
        .then((r) => r[0] ?? null),

    revoke: (db: Db, orgId: string, tokenId: string, now: Date, reason: string) =>
      db
        .update(identityAccessTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(identityAccessTokens.orgId, orgId), eq(identityAccessTokens.id, tokenId), isNull(identityAccessTokens.revokedAt)))
        .returning()
        .then((r) => r[0] ?? null),

    /** Revokes every live token of an identity (optionally of one auth method); returns how many. */
    revokeAllOf: (db: Db, orgId: string, identityId: string, now: Date, reason: string, authMethod?: TokenRow["authMethod"]) =>
      db
        .update(identityAccessTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(identityAccessTokens.orgId, orgId),
            eq(identityAccessTokens.identityId, identityId),
            isNull(identityAccessTokens.revokedAt),
            authMethod ? eq(identityAccessTokens.authMethod, authMethod) : undefined,
          ),
        )
        .returning({ id: identityAccessTokens.id })
        .then((r) => r.length),

    findById: (db: Db, orgId: string, identityId: string, tokenId: string) =>
      db
        .select()
        .from(identityAccessTokens)
        .where(and(eq(identityAccessTokens.orgId, orgId), eq(identityAccessTokens.identityId, identityId), eq(identityAccessTokens.id, tokenId)))
        .then((r) => r[0] ?? null),

    async listOf(db: Db, orgId: string, identityId: string, q: { offset: number; limit: number; onlyUsable: boolean; now: Date }) {
      const where = and(
        eq(identityAccessTokens.orgId, orgId),
        eq(identityAccessTokens.identityId, identityId),
        q.onlyUsable ? usableAt(q.now) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db.select().from(identityAccessTokens).where(where)
          .orderBy(desc(identityAccessTokens.createdAt), desc(identityAccessTokens.id)).limit(q.limit).offset(q.offset),
        db.select({ value: count() }).from(identityAccessTokens).where(where),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    /** Deletes tokens that stopped working before `cutoff` (housekeeping; every org). */
    purgeDeadBefore: (db: Db, cutoff: Date) =>
      db
        .delete(identityAccessTokens)
        .where(or(lt(identityAccessTokens.maxExpiresAt, cutoff), lt(identityAccessTokens.revokedAt, cutoff), lt(identityAccessTokens.expiresAt, cutoff)))
        .returning({ id: identityAccessTokens.id })
        .then((r) => r.length),
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
