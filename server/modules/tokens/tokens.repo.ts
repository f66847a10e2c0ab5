import { and, count, desc, eq, gt, isNull, lt, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { insertRowWhere } from "../../db/insert-where.ts";
import { preparedPerDb } from "../../db/prepared-query.ts";
import { identities, identityAccessTokens, identityTokenPolicies } from "../../db/schema.ts";

export type TokenRow = typeof identityAccessTokens.$inferSelect;
export type TokenPolicyRow = typeof identityTokenPolicies.$inferSelect;

/** A token that can still be used at `now`: not revoked, not expired, uses left. */
const usableAt = (now: Date | Placeholder): SQL =>
  and(
    isNull(identityAccessTokens.revokedAt),
    gt(identityAccessTokens.expiresAt, now),
    or(eq(identityAccessTokens.numUsesLimit, 0), lt(identityAccessTokens.numUses, identityAccessTokens.numUsesLimit)),
  )!;

const ALLOW_ALL = JSON.stringify([{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }]);

/**
 * Whether the client's address is among the token policy's trusted IPs, by PostgreSQL's inet
 * containment (entries were checked as addresses or CIDRs when saved). The allow-everything
 * default admits even a request whose address is unknown.
 */
const trustedFrom = (clientIp: string | null | Placeholder): SQL =>
  sql`(${identityTokenPolicies.accessTokenTrustedIps} @> ${ALLOW_ALL}::jsonb or exists (
    select 1 from jsonb_array_elements(${identityTokenPolicies.accessTokenTrustedIps}) as trusted
    where ${clientIp}::inet <<= (trusted->>'ipAddress')::inet))`;

const useTokenStatement = preparedPerDb((db) =>
  db
    .update(identityAccessTokens)
    .set({ numUses: sql`${identityAccessTokens.numUses} + 1`, lastUsedAt: sql`${sql.placeholder("now")}` })
    // The token's own policy, whatever auth method filled it in; a token without one matches nothing.
    .from(identityTokenPolicies)
    .innerJoin(identities, eq(identities.id, identityTokenPolicies.identityId))
    .where(
      and(
        eq(identityAccessTokens.tokenHash, sql.placeholder("tokenHash")),
        eq(identityTokenPolicies.id, identityAccessTokens.tokenPolicyId),
        usableAt(sql.placeholder("now")),
        trustedFrom(sql.placeholder("clientIp")),
      ),
    )
    .returning({
      id: identityAccessTokens.id,
      orgId: identityAccessTokens.orgId,
      identityId: identityAccessTokens.identityId,
      name: identities.name,
      role: identities.role,
    })
    .prepare("leasehold_use_token"),
);

export type NewToken = Omit<typeof identityAccessTokens.$inferInsert, "tokenPolicyId">;

/** A token is bound to the policy its auth method keeps for the identity. */
const withPolicy = (row: NewToken) => ({
  ...row,
  tokenPolicyId: sql`(select ${identityTokenPolicies.id} from ${identityTokenPolicies}
    where ${identityTokenPolicies.identityId} = ${row.identityId}
    and ${identityTokenPolicies.authMethod} = ${row.authMethod})`,
});

/** SQL for identity access tokens. */
export function createTokensRepo() {
  return {
    /** Inserts a token bound to the policy its auth method keeps for the identity. */
    insert: (db: Db, row: NewToken) =>
      db
        .insert(identityAccessTokens)
        .values(withPolicy(row))
        .then(() => undefined),

    /** The same, written only when `condition` holds: SQL for a data-modifying CTE (db/insert-where.ts). */
    insertWhere: (row: NewToken, condition: SQL) => insertRowWhere(identityAccessTokens, withPolicy(row), condition),

    /** Creates or replaces the token policy of one auth method of an identity. */
    savePolicy: (db: Db, row: typeof identityTokenPolicies.$inferInsert) =>
      db
        .insert(identityTokenPolicies)
        .values(row)
        .onConflictDoUpdate({
          target: [identityTokenPolicies.identityId, identityTokenPolicies.authMethod],
          set: {
            accessTokenTTL: row.accessTokenTTL,
            accessTokenMaxTTL: row.accessTokenMaxTTL,
            accessTokenNumUsesLimit: row.accessTokenNumUsesLimit,
            accessTokenTrustedIps: row.accessTokenTrustedIps,
            updatedAt: row.updatedAt ?? sql`now()`,
          },
        })
        .then(() => undefined),

    deletePolicy: (db: Db, orgId: string, identityId: string, authMethod: TokenRow["authMethod"]) =>
      db
        .delete(identityTokenPolicies)
        .where(
          and(
            eq(identityTokenPolicies.orgId, orgId),
            eq(identityTokenPolicies.identityId, identityId),
            eq(identityTokenPolicies.authMethod, authMethod),
          ),
        )
        .then(() => undefined),

    /**
     * A presented token with its identity and its policy's current trusted IPs, to say
     * why it was refused and to renew it. Looked up by hash alone, across organisations:
     * the bearer belongs to no org yet, and the hash is unguessable.
     */
    findByHash: (db: Db, tokenHash: string) =>
      db
        .select({
          token: identityAccessTokens,
          identityName: identities.name,
          identityRole: identities.role,
          trustedIps: identityTokenPolicies.accessTokenTrustedIps,
        })
        .from(identityAccessTokens)
        .innerJoin(identities, eq(identities.id, identityAccessTokens.identityId))
        .leftJoin(identityTokenPolicies, eq(identityTokenPolicies.id, identityAccessTokens.tokenPolicyId))
        .where(eq(identityAccessTokens.tokenHash, tokenHash))
        .then((r) => r[0] ?? null),

    /**
     * The bearer check in one statement: counts a use of the token if, at `now`, it is not
     * revoked, not expired, has uses left, and `clientIp` is among its policy's current
     * trusted IPs. Condition and increment are one UPDATE, so under any concurrency exactly
     * `limit` uses succeed, and a refused use is never counted. Null when refused (the
     * caller asks findByHash why).
     */
    useToken: (db: Db, tokenHash: string, now: Date, clientIp: string | null) =>
      useTokenStatement(db)
        .execute({ tokenHash, now, clientIp })
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
        .where(
          and(
            eq(identityAccessTokens.orgId, orgId),
            eq(identityAccessTokens.id, tokenId),
            isNull(identityAccessTokens.revokedAt),
          ),
        )
        .returning()
        .then((r) => r[0] ?? null),

    /** Revokes every live token of an identity (optionally of one auth method); returns how many. */
    revokeAllOf: (
      db: Db,
      orgId: string,
      identityId: string,
      now: Date,
      reason: string,
      authMethod?: TokenRow["authMethod"],
    ) =>
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
        .where(
          and(
            eq(identityAccessTokens.orgId, orgId),
            eq(identityAccessTokens.identityId, identityId),
            eq(identityAccessTokens.id, tokenId),
          ),
        )
        .then((r) => r[0] ?? null),

    async listOf(
      db: Db,
      orgId: string,
      identityId: string,
      q: { offset: number; limit: number; onlyUsable: boolean; now: Date },
    ) {
      const where = and(
        eq(identityAccessTokens.orgId, orgId),
        eq(identityAccessTokens.identityId, identityId),
        q.onlyUsable ? usableAt(q.now) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(identityAccessTokens)
          .where(where)
          .orderBy(desc(identityAccessTokens.createdAt), desc(identityAccessTokens.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ value: count() }).from(identityAccessTokens).where(where),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    /** Deletes tokens that stopped working before `cutoff` (housekeeping; every org). */
    purgeDeadBefore: (db: Db, cutoff: Date) =>
      db
        .delete(identityAccessTokens)
        .where(
          or(
            lt(identityAccessTokens.maxExpiresAt, cutoff),
            lt(identityAccessTokens.revokedAt, cutoff),
            lt(identityAccessTokens.expiresAt, cutoff),
          ),
        )
        .returning({ id: identityAccessTokens.id })
        .then((r) => r.length),
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
