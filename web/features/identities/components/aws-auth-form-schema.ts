import { z } from "zod";
import { splitCommaList } from "#shared/arn.ts";
import { formatDurationForApi, parseDuration } from "#shared/durations.ts";
import { awsAuthFieldsSchema, awsAuthRuleIssues, type IdentityAwsAuth } from "#shared/schemas/aws-auth.ts";
import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { ALLOW_ALL_TRUSTED_IPS } from "#shared/trusted-ips.ts";

const fields = awsAuthFieldsSchema.shape;

/** One entry per line (or comma-separated), as people paste them; the API wants commas. */
const listText = z.string().transform((text) => splitCommaList(text.replace(/[\n\s]+/g, ",")).join(","));

/** "30m", "12h", "30d" or plain seconds, shown back the same way. */
const durationText = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === null) {
    ctx.addIssue({ code: "custom", message: "Enter a duration such as 15m, 12h or 30d" });
    return z.NEVER;
  }
  return seconds;
});

/**
 * The AWS Auth form: the API's own field schemas behind text inputs for lists and
 * durations, and the API's cross-field rules, so the form refuses what the server would.
 */
export const awsAuthFormSchema = awsAuthFieldsSchema
  .extend({
    allowedPrincipalArns: listText.pipe(fields.allowedPrincipalArns),
    allowedAccountIds: listText.pipe(fields.allowedAccountIds),
    accessTokenTTL: durationText.pipe(fields.accessTokenTTL),
    accessTokenMaxTTL: durationText.pipe(fields.accessTokenMaxTTL),
    accessTokenNumUsesLimit: z
      .number({ error: "Enter a number (0 means unlimited)" })
      .pipe(fields.accessTokenNumUsesLimit),
    /**
     * Asked, never assumed: Infisical's SDK, CLI and Kubernetes operator cannot send the signed server-ID header, and
     * Leasehold's own clients always do (issue 12, item 1). The API's default stays Infisical's (off).
     */
    serverIdHeader: z.boolean().optional(),
  })
  .superRefine((config, ctx) => {
    const { serverIdHeader = false } = config;
    for (const issue of awsAuthRuleIssues({ ...config, serverIdHeader })) ctx.addIssue({ code: "custom", ...issue });
    if (config.serverIdHeader === undefined) {
      ctx.addIssue({ code: "custom", path: ["serverIdHeader"], message: "Choose which client will log in" });
    }
  });

export type AwsAuthFormValues = z.input<typeof awsAuthFormSchema>;

/**
 * A new identity starts strict: short tokens. Whether logins are bound to this server (the signed server-ID header)
 * depends on the client that will log in, so the form asks instead of choosing.
 */
export const newAwsAuthFormValues: AwsAuthFormValues = {
  stsEndpoint: GLOBAL_STS_ENDPOINT,
  allowedPrincipalArns: "",
  allowedAccountIds: "",
  accessTokenTTL: "1h",
  accessTokenMaxTTL: "1d",
  accessTokenNumUsesLimit: 0,
  accessTokenTrustedIps: ALLOW_ALL_TRUSTED_IPS,
  serverIdHeader: undefined,
};

export function awsAuthFormValuesOf(config: IdentityAwsAuth): AwsAuthFormValues {
  return {
    stsEndpoint: config.stsEndpoint,
    allowedPrincipalArns: splitCommaList(config.allowedPrincipalArns).join("\n"),
    allowedAccountIds: splitCommaList(config.allowedAccountIds).join("\n"),
    accessTokenTTL: formatDurationForApi(config.accessTokenTTL),
    accessTokenMaxTTL: formatDurationForApi(config.accessTokenMaxTTL),
    accessTokenNumUsesLimit: config.accessTokenNumUsesLimit,
    accessTokenTrustedIps: config.accessTokenTrustedIps,
    serverIdHeader: config.serverIdHeader,
  };
}
