import type { OrgRole } from "#shared/schemas/common.ts";
import { ACCESS_TOKEN_PREFIX, type AccessTokenResponse } from "#shared/schemas/tokens.ts";
import type { Actor } from "../../context.ts";
import { generateToken, hashToken } from "../../lib/crypto/tokens.ts";
import type { NewToken, TokenRow } from "./tokens.repo.ts";

export interface IssueTokenInput {
  identity: { id: string; orgId: string; name: string; role: OrgRole };
  authMethod: TokenRow["authMethod"];
  /** Seconds; 0 means "until the max TTL". */
  ttl: number;
  maxTtl: number;
  numUsesLimit: number;
  principalArn: string;
  sourceIp: string;
}

export const secondsUntil = (date: Date, now: Date) => Math.max(0, Math.floor((date.getTime() - now.getTime()) / 1000));

/** The next expiry: now + TTL (or the max TTL when TTL is 0), never past creation + max TTL. */
export function expiryFrom(now: Date, ttl: number, maxExpiresAt: Date): Date {
  const wanted = ttl > 0 ? now.getTime() + ttl * 1000 : Number.POSITIVE_INFINITY;
  return new Date(Math.min(wanted, maxExpiresAt.getTime()));
}

/** A new token: its row (the hash, never the token), the answer that carries it once, and who it acts as. */
export function newToken(input: IssueTokenInput, now: Date, id: string) {
  const token = generateToken(ACCESS_TOKEN_PREFIX);
  const maxExpiresAt = new Date(now.getTime() + input.maxTtl * 1000);
  const expiresAt = expiryFrom(now, input.ttl, maxExpiresAt);
  const row: NewToken = {
    id,
    orgId: input.identity.orgId,
    identityId: input.identity.id,
    authMethod: input.authMethod,
    tokenHash: hashToken(token),
    accessTokenTTL: input.ttl,
    accessTokenMaxTTL: input.maxTtl,
    numUsesLimit: input.numUsesLimit,
    principalArn: input.principalArn,
    sourceIp: input.sourceIp,
    createdAt: now,
    expiresAt,
    maxExpiresAt,
  };
  const response: AccessTokenResponse = {
    accessToken: token,
    expiresIn: secondsUntil(expiresAt, now),
    accessTokenMaxTTL: input.maxTtl,
    tokenType: "Bearer",
  };
  const actor: Actor = {
    type: "identity",
    id: input.identity.id,
    orgId: input.identity.orgId,
    orgRole: input.identity.role,
    name: input.identity.name,
    tokenId: id,
  };
  return { row, response, actor };
}
