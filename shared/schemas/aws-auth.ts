import { z } from "zod";
import { splitCommaList, validateAllowedPrincipalEntry } from "../arn.ts";
import { GLOBAL_STS_ENDPOINT, parseStsEndpoint } from "../sts-endpoint.ts";
import { ALLOW_ALL_TRUSTED_IPS, trustedIpProblem } from "../trusted-ips.ts";
import { timestampSchema } from "./common.ts";
import { accessTokenResponseSchema } from "./tokens.ts";

/** The header that binds a signed login to this server (see API.md, `serverIdHeader`). */
export const SERVER_ID_HEADER = "X-Leasehold-Server-ID";

/** Ten years, Infisical's upper bound for both TTLs. */
const MAX_TOKEN_TTL_SECONDS = 315_360_000;
const DEFAULT_TOKEN_TTL_SECONDS = 2_592_000;
const MAX_INT32 = 2_147_483_647;

const commaList = (problem: (entry: string) => string | null, max: number) =>
  z
    .string()
    .max(8192, "The list is too long")
    .superRefine((value, ctx) => {
      const entries = splitCommaList(value);
      if (entries.length > max) ctx.addIssue({ code: "custom", message: `At most ${max} entries` });
      for (const entry of entries) {
        const message = problem(entry);
        if (message) ctx.addIssue({ code: "custom", message });
      }
    })
    // Stored and answered in one canonical spelling: trimmed entries, no empty ones.
    .transform((value) => splitCommaList(value).join(","));

const allowedPrincipalArnsSchema = commaList(validateAllowedPrincipalEntry, 100);
const allowedAccountIdsSchema = commaList(
  (entry) => (/^\d{12}$/.test(entry) ? null : `"${entry}" is not a 12-digit AWS account ID`),
  100,
);

const stsEndpointSchema = z
  .string()
  .max(512)
  .superRefine((value, ctx) => {
    const result = parseStsEndpoint(value);
    if (!result.ok) ctx.addIssue({ code: "custom", message: result.reason });
  })
  .transform((value) => {
    const result = parseStsEndpoint(value);
    return result.ok ? result.endpoint.url : value;
  });

const trustedIpSchema = z.object({
  ipAddress: z
    .string()
    .max(64)
    .superRefine((value, ctx) => {
      const message = trustedIpProblem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    })
    .transform((value) => value.trim()),
});
const trustedIpsSchema = z
  .array(trustedIpSchema)
  .min(1, "Add at least one address or range; 0.0.0.0/0 and ::/0 allow every address")
  .max(100, "At most 100 entries");

/** An access token's TTL in whole seconds (Infisical's `accessTokenTTL`), not a duration string. */
const tokenTtlSecondsSchema = z
  .number()
  .int("Use whole seconds")
  .min(0, "Use 0 or more seconds")
  .max(MAX_TOKEN_TTL_SECONDS, "At most 10 years");
const tokenMaxTtlSecondsSchema = z
  .number()
  .int("Use whole seconds")
  .min(1, "Use at least 1 second")
  .max(MAX_TOKEN_TTL_SECONDS, "At most 10 years");

/** Every configurable field, without defaults (PATCH leaves absent fields unchanged). */
export const awsAuthFieldsSchema = z.object({
  stsEndpoint: stsEndpointSchema,
  allowedPrincipalArns: allowedPrincipalArnsSchema,
  allowedAccountIds: allowedAccountIdsSchema,
  /** Seconds a token lives after login or renewal; 0 means "until the max TTL". */
  accessTokenTTL: tokenTtlSecondsSchema,
  /** Seconds after creation that no renewal can pass. */
  accessTokenMaxTTL: tokenMaxTtlSecondsSchema,
  /** 0 means unlimited. */
  accessTokenNumUsesLimit: z.number().int("Use a whole number").min(0, "Use 0 (unlimited) or more").max(MAX_INT32),
  accessTokenTrustedIps: trustedIpsSchema,
  /** Require the signed X-Leasehold-Server-ID header, so a signature made for another server is useless here. */
  serverIdHeader: z.boolean(),
});
export type AwsAuthFields = z.output<typeof awsAuthFieldsSchema>;

/** The rules that span fields; the server applies them again to the merged result of a PATCH. */
export function awsAuthRuleIssues(config: AwsAuthFields): { path: (keyof AwsAuthFields)[]; message: string }[] {
  const issues: { path: (keyof AwsAuthFields)[]; message: string }[] = [];
  if (config.accessTokenTTL > config.accessTokenMaxTTL) {
    issues.push({ path: ["accessTokenTTL"], message: "The TTL cannot be longer than the max TTL" });
  }
  // Infisical accepts this, which lets any AWS principal in any account log in.
  if (!config.allowedPrincipalArns && !config.allowedAccountIds) {
    const message =
      "Allow at least one principal ARN or account ID: with both empty, anyone with AWS credentials could log in";
    issues.push({ path: ["allowedPrincipalArns"], message }, { path: ["allowedAccountIds"], message });
  }
  return issues;
}

export const attachAwsAuthInputSchema = awsAuthFieldsSchema
  .extend({
    stsEndpoint: stsEndpointSchema.default(GLOBAL_STS_ENDPOINT),
    allowedPrincipalArns: allowedPrincipalArnsSchema.default(""),
    allowedAccountIds: allowedAccountIdsSchema.default(""),
    accessTokenTTL: tokenTtlSecondsSchema.default(DEFAULT_TOKEN_TTL_SECONDS),
    accessTokenMaxTTL: tokenMaxTtlSecondsSchema.default(DEFAULT_TOKEN_TTL_SECONDS),
    accessTokenNumUsesLimit: awsAuthFieldsSchema.shape.accessTokenNumUsesLimit.default(0),
    accessTokenTrustedIps: trustedIpsSchema.default(ALLOW_ALL_TRUSTED_IPS),
    // Off by default in the API, so Infisical's SDKs (which cannot send it) work; the dashboard turns it on.
    serverIdHeader: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    for (const issue of awsAuthRuleIssues(config)) ctx.addIssue({ code: "custom", ...issue });
  });
export type AttachAwsAuthInput = z.input<typeof attachAwsAuthInputSchema>;

export const updateAwsAuthInputSchema = awsAuthFieldsSchema.partial();
export type UpdateAwsAuthInput = z.output<typeof updateAwsAuthInputSchema>;

/**
 * An exact role or user ARN is bound to the unique ID (AROA…, AIDA…) of the principal it named when it was bound,
 * so a principal deleted and re-created under the same name cannot log in (403 principal_recreated).
 * `how`: resolved with iam:GetRole / iam:GetUser when saved, or learnt from STS at the first login.
 */
const principalBindingSchema = z.object({
  principalArn: z.string(),
  status: z.enum(["bound", "unbound", "unbindable"]),
  how: z.enum(["iam", "first-login"]).nullable(),
  uniqueId: z.string().nullable(),
  boundAt: timestampSchema.nullable(),
});
export type PrincipalBinding = z.infer<typeof principalBindingSchema>;
export const rebindPrincipalInputSchema = z.object({
  principalArn: z.string().trim().min(1, "Choose an entry to re-bind"),
});

const identityAwsAuthSchema = z
  .object({
    id: z.uuid(),
    identityId: z.uuid(),
    type: z.literal("iam"),
    stsEndpoint: z.string(),
    allowedPrincipalArns: z.string(),
    allowedAccountIds: z.string(),
    accessTokenTTL: z.number().int(),
    accessTokenMaxTTL: z.number().int(),
    accessTokenNumUsesLimit: z.number().int(),
    accessTokenTrustedIps: z.array(z.object({ ipAddress: z.string() })),
    serverIdHeader: z.boolean(),
    /** The value a login must send in X-Leasehold-Server-ID when serverIdHeader is on. */
    serverId: z.string(),
    /** Per allowed-principal entry, whether it is bound to the principal's unique ID (issue 11; ours). */
    principalBindings: z.array(principalBindingSchema),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "IdentityAwsAuth" });
export type IdentityAwsAuth = z.infer<typeof identityAwsAuthSchema>;

export const identityAwsAuthResponseSchema = z.object({ identityAwsAuth: identityAwsAuthSchema });

/**
 * The login body Infisical's SDKs send. The request fields may be base64 (as the SDKs
 * send them) or raw text; the server decodes and checks them strictly.
 */
export const awsAuthLoginInputSchema = z.object({
  identityId: z.uuid(),
  iamHttpRequestMethod: z.string().max(16),
  iamRequestBody: z.string().min(1).max(4096),
  iamRequestHeaders: z.string().min(1).max(16_384),
  /** Never used for routing: the identity's STS endpoint decides where the request goes. */
  iamRequestUrl: z.string().max(2048).optional(),
});
export type AwsAuthLoginInput = z.infer<typeof awsAuthLoginInputSchema>;

export const awsAuthLoginResponseSchema = accessTokenResponseSchema;
