import { z } from "zod";
import { paginationQuerySchema, timestampSchema } from "./common.ts";
import { identityAuthMethodSchema } from "./identities.ts";

/**
 * Access tokens look like `lhat_<43 base64url characters>` (256 random bits). The fixed
 * prefix lets secret scanners recognise a leaked Leasehold token.
 */
export const ACCESS_TOKEN_PREFIX = "lhat";

/** What login and renewal answer, as Infisical's SDKs expect it. */
export const accessTokenResponseSchema = z
  .object({
    accessToken: z.string(),
    /** Seconds until this token expires: the TTL that really applies, after the cap at creation + max TTL. */
    expiresIn: z.number().int(),
    accessTokenMaxTTL: z.number().int(),
    tokenType: z.literal("Bearer"),
  })
  .meta({ id: "AccessTokenResponse" });
export type AccessTokenResponse = z.infer<typeof accessTokenResponseSchema>;

export const accessTokenInputSchema = z.object({
  accessToken: z.string().trim().min(1, "Enter the access token").max(512),
});

const tokenStatusSchema = z.enum(["active", "expired", "revoked", "exhausted"]);
export type TokenStatus = z.infer<typeof tokenStatusSchema>;

/** A token as the dashboard lists it: never the token itself, which exists only at issuance. */
const identityAccessTokenSchema = z
  .object({
    id: z.uuid(),
    identityId: z.uuid(),
    authMethod: identityAuthMethodSchema,
    status: tokenStatusSchema,
    principalArn: z.string().nullable(),
    sourceIp: z.string().nullable(),
    numUses: z.number().int(),
    /** 0 means unlimited. */
    numUsesLimit: z.number().int(),
    accessTokenTTL: z.number().int(),
    accessTokenMaxTTL: z.number().int(),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema.nullable(),
    lastRenewedAt: timestampSchema.nullable(),
    expiresAt: timestampSchema,
    maxExpiresAt: timestampSchema,
    revokedAt: timestampSchema.nullable(),
    revokedReason: z.string().nullable(),
  })
  .meta({ id: "IdentityAccessToken" });
export type IdentityAccessToken = z.infer<typeof identityAccessTokenSchema>;

export const listIdentityTokensQuerySchema = paginationQuerySchema.extend({
  /** `active` (the default) hides revoked, expired and used-up tokens. */
  status: z.enum(["active", "all"]).default("active"),
});
export type ListIdentityTokensQuery = z.infer<typeof listIdentityTokensQuerySchema>;

export const listIdentityTokensResponseSchema = z.object({
  tokens: z.array(identityAccessTokenSchema),
  totalCount: z.number().int(),
});
export const identityAccessTokenResponseSchema = z.object({ token: identityAccessTokenSchema });
