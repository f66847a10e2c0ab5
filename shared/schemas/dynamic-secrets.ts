import { z } from "zod";
import { isPolicyArn, splitCommaList } from "../arn.ts";
import { isKnownRegion } from "../aws-regions.ts";
import { parseDuration } from "../durations.ts";
import { checkUsernameTemplate, USERNAME_TEMPLATE_MAX_LENGTH, UsernameTemplateError } from "../username-template.ts";
import { accessKeyIdSchema, roleArnSchema, secretAccessKeySchema } from "./app-connections.ts";
import { slugSchema, timestampSchema } from "./common.ts";

/**
 * AWS IAM dynamic secrets (../shared/API.md, "Dynamic secrets"). Shapes follow Infisical's
 * `/api/v1/dynamic-secrets`; every AWS limit IAM would enforce at lease time is checked
 * here, at save time, so a broken configuration is refused with the field to fix.
 */

/** Durations are strings ("30s", "15m", "1h", "7d") or bare seconds; parsed to seconds. */
export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 315_360_000; // 10 years, as for access tokens
export const ttlSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === null) {
      ctx.addIssue({ code: "custom", message: 'Enter a duration such as "30m", "1h" or "7d" (a bare number means seconds)' });
      return z.NEVER;
    }
    if (seconds < TTL_MIN_SECONDS) {
      ctx.addIssue({ code: "custom", message: "A TTL is at least 1 minute: IAM needs a few seconds before new keys work" });
      return z.NEVER;
    }
    if (seconds > TTL_MAX_SECONDS) {
      ctx.addIssue({ code: "custom", message: "A TTL is at most 10 years" });
      return z.NEVER;
    }
    return seconds;
  });

/** Seconds as the compact string the API answers with: the largest exact unit ("90m", "1h", "7d"). */
export function toDurationString(seconds: number): string {
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (seconds > 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** A folder path: "/" or "/segment/segment", without a trailing slash. */
export const folderPathSchema = z
  .string()
  .trim()
  .max(256, "A path has at most 256 characters")
  .transform((v) => (v.length > 1 ? v.replace(/\/+$/, "") : v) || "/")
  .refine((v) => v === "/" || /^(\/[A-Za-z0-9_.-]+)+$/.test(v), {
    message: 'A path starts with "/" and has segments of letters, digits, ".", "_" and "-", such as /apps/billing',
  });

// Route words under /dynamic-secrets/ that a secret must not be named after.
const RESERVED_NAMES = new Set(["leases", "test-configuration", "username-preview"]);
export const dynamicSecretNameSchema = slugSchema.refine((v) => !RESERVED_NAMES.has(v), { message: "This name is reserved; choose another" });

const projectSlugSchema = z.string().trim().min(1, "Enter the project slug").max(64);
const environmentSlugSchema = z.string().trim().min(1, "Enter the environment slug").max(64);

/** Where a dynamic secret lives: the project, environment and folder of Infisical's API. */
export const secretLocationSchema = z.object({
  projectSlug: projectSlugSchema,
  environmentSlug: environmentSlugSchema,
  path: folderPathSchema.default("/"),
});
export type SecretLocation = z.infer<typeof secretLocationSchema>;

/** Infisical's SDK sends booleans in JSON; query strings carry "true"/"false". */
export const booleanInputSchema = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

// IAM limits, from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
export const IAM_LIMITS = {
  pathMax: 512,
  inlinePolicyMaxChars: 2048, // all inline policies of a user together, whitespace not counted
  managedPoliciesPerUser: 20, // 10 by default; AWS raises it to at most 20 on request
  groupsPerUser: 10,
  tagsPerUser: 50,
  /** Tags Leasehold adds to every user it creates (leasehold:managed, leasehold:lease-id). */
  reservedTags: 2,
} as const;

// IAM's own pattern for paths: "/" or "/" + printable ASCII + "/".
const IAM_PATH_RE = /^(\/|\/[\x21-\x7e]+\/)$/;
const IAM_GROUP_NAME_RE = /^[\w+=,.@-]{1,128}$/;
const TAG_CHARS_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A comma-separated list, trimmed and de-duplicated, checked item by item; kept as "a,b,c". */
function commaListSchema(options: { max: number; item: (v: string) => string | null; tooMany: string }) {
  return z.string().max(4096).transform((value, ctx) => {
    const items = [...new Set(splitCommaList(value))];
    for (const item of items) {
      const problem = options.item(item);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
    if (items.length > options.max) ctx.addIssue({ code: "custom", message: options.tooMany });
    return items.join(",");
  });
}

export const policyDocumentSchema = z.string().max(20_000).superRefine((value, ctx) => {
  if (value.trim() === "") return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "The policy document is not valid JSON" });
    return;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || !("Statement" in parsed)) {
    ctx.addIssue({ code: "custom", message: 'The policy document must be a JSON object with a "Statement"' });
    return;
  }
  const size = JSON.stringify(parsed).length;
  if (size > IAM_LIMITS.inlinePolicyMaxChars) {
    ctx.addIssue({ code: "custom", message: `The inline policy has ${size} characters without whitespace; IAM allows at most ${IAM_LIMITS.inlinePolicyMaxChars} per user` });
  }
});

export const iamTagSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Enter a tag key")
    .max(128, "A tag key has at most 128 characters")
    .regex(TAG_CHARS_RE, "A tag key may contain letters, digits, spaces and _ . : / = + - @")
    .refine((k) => !/^aws:/i.test(k), { message: 'Tag keys starting with "aws:" are reserved by AWS' })
    .refine((k) => !/^leasehold:/i.test(k), { message: 'Tag keys starting with "leasehold:" are reserved by Leasehold' }),
  value: z
    .string()
    .trim()
    .max(256, "A tag value has at most 256 characters")
    .regex(TAG_CHARS_RE, "A tag value may contain letters, digits, spaces and _ . : / = + - @"),
});

const MAX_USER_TAGS = IAM_LIMITS.tagsPerUser - IAM_LIMITS.reservedTags;

export const awsIamMethodSchema = z.enum(["access-key", "assume-role", "irsa"]);
export type AwsIamMethod = z.infer<typeof awsIamMethodSchema>;

/** Every input field, each optional: PATCH sends some, and the method rules are checked on the whole. */
export const awsIamInputFieldsSchema = z.object({
  method: awsIamMethodSchema.optional(),
  accessKey: accessKeyIdSchema.optional(),
  secretAccessKey: secretAccessKeySchema.optional(),
  roleArn: roleArnSchema.optional(),
  /** Ours: an AWS App Connection supplies the managing credentials instead. */
  appConnectionId: z.uuid("Choose an App Connection").optional(),
  region: z.string().trim().refine(isKnownRegion, { message: "Choose an AWS region from the list" }),
  awsPath: z
    .string()
    .trim()
    .max(IAM_LIMITS.pathMax, `An IAM path has at most ${IAM_LIMITS.pathMax} characters`)
    .refine((v) => v === "" || IAM_PATH_RE.test(v), { message: 'An IAM path starts and ends with "/", such as /leasehold/' })
    .optional(),
  permissionBoundaryPolicyArn: z
    .string()
    .trim()
    .refine((v) => v === "" || isPolicyArn(v), { message: "Enter a managed policy ARN, such as arn:aws:iam::123456789012:policy/boundary" })
    .optional(),
  policyDocument: policyDocumentSchema.optional(),
  userGroups: commaListSchema({
    max: IAM_LIMITS.groupsPerUser,
    item: (g) => (IAM_GROUP_NAME_RE.test(g) ? null : `"${g}" is not an IAM group name (1-128 letters, digits and + = , . @ _ -)`),
    tooMany: `An IAM user can be in at most ${IAM_LIMITS.groupsPerUser} groups`,
  }).optional(),
  policyArns: commaListSchema({
    max: IAM_LIMITS.managedPoliciesPerUser,
    item: (arn) => (isPolicyArn(arn) ? null : `"${arn}" is not a managed policy ARN`),
    tooMany: `IAM attaches at most ${IAM_LIMITS.managedPoliciesPerUser} managed policies to a user (10 unless AWS raised your quota)`,
  }).optional(),
  tags: z
    .array(iamTagSchema)
    .max(MAX_USER_TAGS, `At most ${MAX_USER_TAGS} tags: IAM allows ${IAM_LIMITS.tagsPerUser} per user and Leasehold adds ${IAM_LIMITS.reservedTags}`)
    .superRefine((tags, ctx) => {
      const seen = new Set<string>();
      tags.forEach((tag, index) => {
        // IAM tag keys are case-insensitive: "Team" and "team" are one key.
        const key = tag.key.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `The tag key "${tag.key}" appears twice` });
        seen.add(key);
      });
    })
    .optional(),
  credentialType: z.literal("iam-user").optional(),
});
export type AwsIamInputFields = z.infer<typeof awsIamInputFieldsSchema>;

/** The method rules: which credential fields each method needs, and which it must not have. */
export function checkAwsIamMethod(inputs: Partial<AwsIamInputFields>, ctx: z.RefinementCtx) {
  const method = inputs.method ?? "access-key";
  const present = (key: "accessKey" | "secretAccessKey" | "roleArn") => Boolean(inputs[key]);
  const need = (key: "accessKey" | "secretAccessKey" | "roleArn", message: string) => {
    if (!present(key)) ctx.addIssue({ code: "custom", path: [key], message });
  };
  const refuse = (key: "accessKey" | "secretAccessKey" | "roleArn", why: string) => {
    if (present(key)) ctx.addIssue({ code: "custom", path: [key], message: why });
  };
  if (inputs.appConnectionId) {
    for (const key of ["accessKey", "secretAccessKey", "roleArn"] as const) refuse(key, "Leave this empty: the App Connection supplies the credentials");
    return;
  }
  if (method === "access-key") {
    need("accessKey", "Enter the access key ID of the managing IAM user");
    need("secretAccessKey", "Enter the secret access key of the managing IAM user");
    refuse("roleArn", "The access-key method takes no role ARN");
  } else {
    need("roleArn", method === "irsa" ? "Enter the ARN of the role of the service account" : "Enter the ARN of the role to assume");
    refuse("accessKey", `The ${method} method takes no access key`);
    refuse("secretAccessKey", `The ${method} method takes no secret access key`);
  }
}

export const awsIamInputsSchema = awsIamInputFieldsSchema.superRefine(checkAwsIamMethod);
export type AwsIamInputs = z.infer<typeof awsIamInputsSchema>;

/** Some inputs, as PATCH sends them; `appConnectionId: null` switches back to the method's own credentials. */
export const awsIamInputsPatchSchema = awsIamInputFieldsSchema.partial().extend({ appConnectionId: z.uuid("Choose an App Connection").nullable().optional() });

/** What responses show of the inputs: everything but the secret access key. */
export const awsIamInputsViewSchema = awsIamInputFieldsSchema.omit({ secretAccessKey: true }).extend({
  method: awsIamMethodSchema,
  credentialType: z.literal("iam-user"),
});
export type AwsIamInputsView = z.infer<typeof awsIamInputsViewSchema>;

export const metadataSchema = z
  .array(z.object({ key: z.string().trim().min(1, "Enter a key").max(128), value: z.string().trim().max(1024).default("") }))
  .max(50, "At most 50 metadata entries");

export const usernameTemplateSchema = z.string().trim().max(USERNAME_TEMPLATE_MAX_LENGTH, `A username template has at most ${USERNAME_TEMPLATE_MAX_LENGTH} characters`);

/** Checks what needs more than one field: default ≤ max TTL, and a sample render of the template. */
function checkSettings(
  v: { defaultTTL?: number | undefined; maxTTL?: number | null | undefined; usernameTemplate?: string | null | undefined; name?: string | undefined },
  ctx: z.RefinementCtx,
  prefix: (string | number)[] = [],
) {
  if (v.defaultTTL !== undefined && v.maxTTL != null && v.defaultTTL > v.maxTTL) {
    ctx.addIssue({ code: "custom", path: [...prefix, "defaultTTL"], message: `The default TTL (${toDurationString(v.defaultTTL)}) is longer than the max TTL (${toDurationString(v.maxTTL)})` });
  }
  if (v.usernameTemplate) {
    try {
      checkUsernameTemplate(v.usernameTemplate, v.name ?? "dynamic-secret");
    } catch (error) {
      if (!(error instanceof UsernameTemplateError)) throw error;
      ctx.addIssue({ code: "custom", path: [...prefix, "usernameTemplate"], message: error.message });
    }
  }
}

export const createDynamicSecretInputSchema = secretLocationSchema
  .extend({
    name: dynamicSecretNameSchema,
    provider: z.object({ type: z.literal("aws-iam"), inputs: awsIamInputsSchema }),
    defaultTTL: ttlSchema,
    maxTTL: ttlSchema.nullable().optional(),
    usernameTemplate: usernameTemplateSchema.nullable().optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((v, ctx) => checkSettings(v, ctx));
export type CreateDynamicSecretInput = z.infer<typeof createDynamicSecretInputSchema>;

export const updateDynamicSecretInputSchema = secretLocationSchema.extend({
  data: z
    .object({
      newName: dynamicSecretNameSchema.optional(),
      defaultTTL: ttlSchema.optional(),
      maxTTL: ttlSchema.nullable().optional(),
      usernameTemplate: usernameTemplateSchema.nullable().optional(),
      /** Merged into the stored inputs; the secret access key is kept unless a new one is sent. */
      inputs: awsIamInputsPatchSchema.optional(),
      metadata: metadataSchema.optional(),
    })
    .superRefine((v, ctx) => checkSettings({ ...v, name: v.newName }, ctx)),
});
export type UpdateDynamicSecretInput = z.infer<typeof updateDynamicSecretInputSchema>;

export const deleteDynamicSecretInputSchema = secretLocationSchema.extend({ isForced: booleanInputSchema.default(false) });

export const dynamicSecretSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.literal("aws-iam"),
    version: z.number().int(),
    defaultTTL: z.string(),
    maxTTL: z.string().nullable(),
    projectId: z.uuid(),
    environmentId: z.uuid(),
    environmentSlug: z.string(),
    path: z.string(),
    usernameTemplate: z.string().nullable(),
    metadata: z.array(z.object({ key: z.string(), value: z.string() })),
    inputs: awsIamInputsViewSchema,
    /** Leases that still hold (or may hold) an IAM user: creating, active, revoking, revoke_failed. */
    activeLeaseCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "DynamicSecret" });
export type DynamicSecret = z.infer<typeof dynamicSecretSchema>;

export const dynamicSecretNameParamsSchema = z.object({ name: z.string().min(1).max(64) });
export const dynamicSecretResponseSchema = z.object({ dynamicSecret: dynamicSecretSchema });
export const listDynamicSecretsResponseSchema = z.object({ dynamicSecrets: z.array(dynamicSecretSchema) });

/** "Test configuration": a saved secret's inputs, or a form's, with the stored secret key reused when omitted. */
export const testDynamicSecretInputSchema = secretLocationSchema.extend({
  /** The saved secret whose stored secret access key fills in for an omitted one. */
  name: z.string().min(1).max(64).optional(),
  provider: z.object({ type: z.literal("aws-iam"), inputs: awsIamInputsPatchSchema }).optional(),
});
export const configCheckSchema = z.object({
  step: z.enum(["credentials", "iam"]),
  ok: z.boolean(),
  message: z.string(),
});
export const testDynamicSecretResponseSchema = z.object({
  ok: z.boolean(),
  /** The principal AWS says the managing credentials belong to. */
  callerArn: z.string().nullable(),
  checks: z.array(configCheckSchema),
});
export type TestDynamicSecretResponse = z.infer<typeof testDynamicSecretResponseSchema>;

export const usernamePreviewInputSchema = z.object({
  usernameTemplate: usernameTemplateSchema.nullable().optional(),
  dynamicSecretName: z.string().trim().max(64).optional(),
});
export const usernamePreviewResponseSchema = z.object({ username: z.string() });

/** IAM users under the secret's path, tagged as Leasehold's, that no live lease accounts for. */
export const orphanUserSchema = z.object({
  username: z.string(),
  arn: z.string(),
  path: z.string(),
  createdAt: timestampSchema.nullable(),
  /** The lease ID tag the user carries, when it has one. */
  leaseId: z.string().nullable(),
});
export const listOrphansResponseSchema = z.object({ orphans: z.array(orphanUserSchema) });
export const deleteOrphansInputSchema = secretLocationSchema.extend({
  usernames: z.array(z.string().regex(/^[\w+=,.@-]{1,64}$/, "Not an IAM user name")).min(1, "Choose at least one user").max(100),
});
export const deleteOrphansResponseSchema = z.object({
  deleted: z.array(z.string()),
  failed: z.array(z.object({ username: z.string(), message: z.string() })),
});
