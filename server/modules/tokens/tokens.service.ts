import type { SQL } from "drizzle-orm";
import type { OrgRole } from "#shared/schemas/common.ts";
import {
  ACCESS_TOKEN_PREFIX,
  type AccessTokenResponse,
  type IdentityAccessToken,
  type ListIdentityTokensQuery,
  type TokenStatus,
} from "#shared/schemas/tokens.ts";
import { allowsEveryAddress } from "#shared/trusted-ips.ts";
import type { Actor, Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { hashToken } from "../../lib/crypto/tokens.ts";
import { AppError, forbidden, notFound, unauthorized } from "../../lib/http/errors.ts";
import { ipMatchesAny, parseAddress, parseCidrList } from "../../lib/net/ip.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { expiryFrom, type IssueTokenInput, newToken, secondsUntil } from "./token-issue.ts";
import type { TokenPolicyRow, TokenRow, TokensRepo } from "./tokens.repo.ts";

export type { IssueTokenInput };

/** What an auth method's tokens live by; the auth method saves it with its config. */
export type TokenPolicy = Pick<
  TokenPolicyRow,
  "accessTokenTTL" | "accessTokenMaxTTL" | "accessTokenNumUsesLimit" | "accessTokenTrustedIps"
>;

/** Who the request came from, before we know which identity it is. */
export type RequestMeta = Omit<RequestContext, "actor">;

const INVALID_TOKEN = "The access token is invalid, expired or revoked";
const MAX_TOKEN_LENGTH = 256;

function tokenStatus(row: TokenRow, now: Date): TokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.numUsesLimit > 0 && row.numUses >= row.numUsesLimit) return "exhausted";
  if (row.expiresAt <= now) return "expired";
  return "active";
}

/** The trusted-IP rule at login and on renewal; the allow-everything default admits an unknown address too. */
export function isTrustedAddress(ip: string, trusted: { ipAddress: string }[]): boolean {
  return allowsEveryAddress(trusted) || ipMatchesAny(ip, parseCidrList(trusted.map((t) => t.ipAddress)));
}

const looksLikeToken = (token: string) =>
  token.startsWith(`${ACCESS_TOKEN_PREFIX}_`) && token.length <= MAX_TOKEN_LENGTH;

export function createTokensService(deps: {
  db: Db;
  repo: TokensRepo;
  access: Access;
  audit: AuditService;
  clock: Clock;
  randomId: () => string;
  /** Whether the identity exists in the org (answered by the identities module). */
  identityExists: (db: Db, orgId: string, identityId: string) => Promise<boolean>;
}) {
  const { db, repo, access, audit, clock, randomId } = deps;

  async function requireIdentity(
    tx: Db,
    ctx: RequestContext,
    identityId: string,
    action: "identities.read" | "identities.manage",
  ) {
    access.requireOrg(ctx.actor, ctx.actor.orgId, action);
    if (!(await deps.identityExists(tx, ctx.actor.orgId, identityId))) throw notFound("Identity");
  }

  const identityActor = (row: TokenRow, identity: { name: string; role: OrgRole }): Actor => ({
    type: "identity",
    id: row.identityId,
    orgId: row.orgId,
    orgRole: identity.role,
    name: identity.name,
    tokenId: row.id,
  });

  /**
   * Finds a presented token and refuses it with the precise reason when it cannot be used
   * from this address. Trusted IPs come from the token's policy, which its auth method keeps
   * current, so tightening them applies to tokens already issued.
   */
  async function loadUsable(tokenHash: string, clientIp: string, now: Date) {
    const found = await repo.findByHash(db, tokenHash);
    if (!found) return null;
    const status = tokenStatus(found.token, now);
    if (status === "revoked" || !found.trustedIps)
      throw unauthorized("This access token has been revoked", "token_revoked");
    if (status === "exhausted")
      throw unauthorized("This access token has used up its number of uses", "token_uses_exhausted");
    if (status === "expired") throw unauthorized("This access token has expired: log in again", "token_expired");
    if (!isTrustedAddress(clientIp, found.trustedIps)) {
      throw forbidden(
        `This access token cannot be used from ${clientIp}: the address is not among the identity's trusted IPs`,
        "ip_not_trusted",
      );
    }
    return { ...found, now };
  }

  function toView(row: TokenRow, now: Date): IdentityAccessToken {
    return {
      id: row.id,
      identityId: row.identityId,
      authMethod: row.authMethod,
      status: tokenStatus(row, now),
      principalArn: row.principalArn,
      sourceIp: row.sourceIp,
      numUses: row.numUses,
      numUsesLimit: row.numUsesLimit,
      accessTokenTTL: row.accessTokenTTL,
      accessTokenMaxTTL: row.accessTokenMaxTTL,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      lastRenewedAt: row.lastRenewedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt.toISOString(),
      maxExpiresAt: row.maxExpiresAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      revokedReason: row.revokedReason,
    };
  }

  return {
    /**
     * Saves an auth method's token policy, in the transaction that saves the method's config.
     * `policyId` is used when the policy is new (AWS Auth passes its config's ID).
     */
    savePolicy: (
      tx: Db,
      owner: { policyId: string; orgId: string; identityId: string; authMethod: TokenRow["authMethod"] },
      policy: TokenPolicy,
    ) =>
      repo.savePolicy(tx, {
        id: owner.policyId,
        orgId: owner.orgId,
        identityId: owner.identityId,
        authMethod: owner.authMethod,
        ...policy,
        updatedAt: clock.now(),
      }),

    /** Removes an auth method's policy: its tokens, if any survive, then match no policy and are refused. */
    deletePolicy: (tx: Db, orgId: string, identityId: string, authMethod: TokenRow["authMethod"]) =>
      repo.deletePolicy(tx, orgId, identityId, authMethod),

    /** Issues a token inside the caller's transaction; the plaintext exists only in the returned response. */
    async issue(tx: Db, input: IssueTokenInput): Promise<{ response: AccessTokenResponse; actor: Actor }> {
      const { row, response, actor } = newToken(input, clock.now(), randomId());
      await repo.insert(tx, row);
      return { response, actor };
    },

    /**
     * The same token as a data-modifying CTE (named `token`) of the statement that decides it, inserted
     * only when `condition` holds: a login records its signature, its token and its audit record in
     * one statement (docs/decisions/0912-lease-and-login-time.md).
     */
    issueWith(db: Db, input: IssueTokenInput, condition: SQL) {
      const { row, response, actor } = newToken(input, clock.now(), randomId());
      return { cte: db.$with("token", {}).as(repo.insertWhere(row, condition)), response, actor };
    },

    /** The bearer check behind every API route: TTL, uses (atomically), trusted IPs, revocation. */
    async authenticate(token: string, clientIp: string): Promise<Actor | null> {
      if (!looksLikeToken(token)) return null;
      const tokenHash = hashToken(token);
      const now = clock.now();
      const used = await repo.useToken(db, tokenHash, now, parseAddress(clientIp)?.toString() ?? null);
      if (used)
        return {
          type: "identity",
          id: used.identityId,
          orgId: used.orgId,
          orgRole: used.role,
          name: used.name,
          tokenId: used.id,
        };
      // Refused: one more lookup, only on this path, to say why.
      await loadUsable(tokenHash, clientIp, now);
      return null;
    },

    /** Extends the TTL up to creation + max TTL; once there, renewal is refused. */
    async renew(token: string, meta: RequestMeta): Promise<AccessTokenResponse> {
      const found = looksLikeToken(token) ? await loadUsable(hashToken(token), meta.ip, clock.now()) : null;
      if (!found) throw unauthorized(INVALID_TOKEN, "invalid_token");
      const { token: row, now } = found;
      const expiresAt = expiryFrom(now, row.accessTokenTTL, row.maxExpiresAt);
      if (expiresAt.getTime() <= row.expiresAt.getTime()) {
        throw unauthorized(
          `This access token has reached its max TTL (${row.accessTokenMaxTTL} s after it was issued, ` +
            `at ${row.maxExpiresAt.toISOString()}) and cannot be renewed: log in again`,
          "token_max_ttl_reached",
        );
      }
      return db.transaction(async (tx) => {
        const renewed = await repo.renew(tx, row.id, now, expiresAt);
        if (!renewed) throw unauthorized(INVALID_TOKEN, "invalid_token");
        const actor = identityActor(row, { name: found.identityName, role: found.identityRole });
        await audit.record(
          tx,
          { actor, ...meta },
          {
            action: "identity-token.renew",
            resourceType: "identity-access-token",
            resourceId: row.id,
            metadata: { identityId: row.identityId, expiresAt: expiresAt.toISOString() },
          },
        );
        return {
          accessToken: token,
          expiresIn: secondsUntil(expiresAt, now),
          accessTokenMaxTTL: row.accessTokenMaxTTL,
          tokenType: "Bearer" as const,
        };
      });
    },

    /** Revokes the presented token. Allowed from any address: revoking is always safe. */
    async revokeByToken(token: string, meta: RequestMeta) {
      const found = looksLikeToken(token) ? await repo.findByHash(db, hashToken(token)) : null;
      if (!found || found.token.revokedAt) throw unauthorized(INVALID_TOKEN, "invalid_token");
      await db.transaction(async (tx) => {
        await repo.revoke(tx, found.token.orgId, found.token.id, clock.now(), "Revoked by its holder");
        const actor = identityActor(found.token, { name: found.identityName, role: found.identityRole });
        await audit.record(
          tx,
          { actor, ...meta },
          {
            action: "identity-token.revoke",
            resourceType: "identity-access-token",
            resourceId: found.token.id,
            metadata: { identityId: found.token.identityId },
          },
        );
      });
      return { message: "The access token has been revoked" };
    },

    async list(ctx: RequestContext, identityId: string, query: ListIdentityTokensQuery) {
      await requireIdentity(db, ctx, identityId, "identities.read");
      const now = clock.now();
      const { rows, totalCount } = await repo.listOf(db, ctx.actor.orgId, identityId, {
        ...query,
        onlyUsable: query.status === "active",
        now,
      });
      return { tokens: rows.map((row) => toView(row, now)), totalCount };
    },

    /** An admin revokes one token from the dashboard. */
    async revokeById(ctx: RequestContext, identityId: string, tokenId: string) {
      return db.transaction(async (tx) => {
        await requireIdentity(tx, ctx, identityId, "identities.manage");
        const row = await repo.findById(tx, ctx.actor.orgId, identityId, tokenId);
        if (!row) throw notFound("Access token");
        if (row.revokedAt) throw new AppError(409, "already_revoked", "This access token is already revoked");
        const revoked = await repo.revoke(tx, row.orgId, row.id, clock.now(), `Revoked by ${ctx.actor.name}`);
        await audit.record(tx, ctx, {
          action: "identity-token.revoke",
          resourceType: "identity-access-token",
          resourceId: row.id,
          metadata: { identityId },
        });
        return toView(revoked ?? row, clock.now());
      });
    },

    /** Revokes every live token of an identity, in the caller's transaction (detach, delete). */
    revokeAllOf: (tx: Db, orgId: string, identityId: string, reason: string, authMethod?: TokenRow["authMethod"]) =>
      repo.revokeAllOf(tx, orgId, identityId, clock.now(), reason, authMethod),

    purgeDeadBefore: (cutoff: Date) => repo.purgeDeadBefore(db, cutoff),
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
