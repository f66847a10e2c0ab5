import { z } from "zod";
import { formatDurationForApi, parseDuration } from "../durations.ts";
import { checkUsernameTemplate, USERNAME_TEMPLATE_MAX_LENGTH, UsernameTemplateError } from "../username-template.ts";
import { slugSchema, timestampSchema } from "./common.ts";

/**
 * AWS IAM dynamic secrets (../shared/API.md, "Dynamic secrets"). Shapes follow Infisical's
 * `/api/v1/dynamic-secrets`; every AWS limit IAM would enforce at lease time is checked
 * here, at save time, so a broken configuration is refused with the field to fix.
 */

/** Durations are strings ("30s", "15m", "1h", "7d") or bare seconds; parsed to seconds. */
const TTL_MIN_SECONDS = 60;
const TTL_MAX_SECONDS = 315_360_000; // 10 years, as for access tokens
const durationInputSchema = z.union([z.string(), z.number()]);

function ttlSeconds(value: string | number, ctx: z.RefinementCtx): number {
  const seconds = parseDuration(value);
  if (seconds === null) {
    ctx.addIssue({
      code: "custom",
      message: 'Enter a duration such as "30m", "1h" or "7d" (a bare number means seconds)',
    });
    return z.NEVER;
  }
  if (seconds < TTL_MIN_SECONDS) {
    ctx.addIssue({
      code: "custom",
      message: "A TTL is at least 1 minute: IAM needs a few seconds before new keys work",
    });
    return z.NEVER;
  }
  if (seconds > TTL_MAX_SECONDS) {
    ctx.addIssue({ code: "custom", message: "A TTL is at most 10 years" });
    return z.NEVER;
  }
  return seconds;
}

/** A TTL written as a duration ("1h") or bare seconds, answered as seconds: dynamic secrets and leases. */
export const ttlDurationSchema = durationInputSchema.transform(ttlSeconds);

/**
 * A lease's optional `ttl` (create and renew). Infisical's CLI and Go SDK always send the field, as `""` when
 * no `--ttl` flag was given, and Infisical's server reads that as absent: so do we (issue 14, decision 1400).
 * Every other malformed value is still refused.
 */
export const leaseTtlSchema = durationInputSchema
  .optional()
  .transform((value, ctx) => (value === undefined || value === "" ? undefined : ttlSeconds(value, ctx)));

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
const dynamicSecretNameSchema = slugSchema.refine((v) => !RESERVED_NAMES.has(v), {
  message: "This name is reserved; choose another",
});
/** A lease's `dynamicSecretName`, lowercased first as Infisical does (decision 1250). */
export const lowercasedDynamicSecretNameSchema = z.string().trim().toLowerCase().pipe(dynamicSecretNameSchema);

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

export {
  type AwsIamCredentialType,
  type AwsIamInputFields,
  type AwsIamInputs,
  type AwsIamInputsView,
  awsIamInputsSchema,
  STS_LIMITS,
  temporaryCredentialsTtlCap,
} from "./aws-iam-inputs.ts";

import { awsIamInputsPatchSchema, awsIamInputsSchema, awsIamInputsViewSchema } from "./aws-iam-inputs.ts";

const metadataSchema = z
  .array(
    z.object({ key: z.string().trim().min(1, "Enter a key").max(128), value: z.string().trim().max(1024).default("") }),
  )
  .max(50, "At most 50 metadata entries");

const usernameTemplateSchema = z
  .string()
  .trim()
  .max(USERNAME_TEMPLATE_MAX_LENGTH, `A username template has at most ${USERNAME_TEMPLATE_MAX_LENGTH} characters`);

/** Checks what needs more than one field: default ≤ max TTL, and a sample render of the template. */
function checkSettings(
  v: {
    defaultTTL?: number | undefined;
    maxTTL?: number | null | undefined;
    usernameTemplate?: string | null | undefined;
    name?: string | undefined;
  },
  ctx: z.RefinementCtx,
  prefix: (string | number)[] = [],
) {
  if (v.defaultTTL !== undefined && v.maxTTL != null && v.defaultTTL > v.maxTTL) {
    ctx.addIssue({
      code: "custom",
      path: [...prefix, "defaultTTL"],
      message:
        `The default TTL (${formatDurationForApi(v.defaultTTL)}) ` +
        `is longer than the max TTL (${formatDurationForApi(v.maxTTL)})`,
    });
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
    defaultTTL: ttlDurationSchema,
    maxTTL: ttlDurationSchema.nullable().optional(),
    usernameTemplate: usernameTemplateSchema.nullable().optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((v, ctx) => checkSettings(v, ctx));
export type CreateDynamicSecretInput = z.infer<typeof createDynamicSecretInputSchema>;

export const updateDynamicSecretInputSchema = secretLocationSchema.extend({
  data: z
    .object({
      newName: dynamicSecretNameSchema.optional(),
      defaultTTL: ttlDurationSchema.optional(),
      maxTTL: ttlDurationSchema.nullable().optional(),
      usernameTemplate: usernameTemplateSchema.nullable().optional(),
      /** Merged into the stored inputs; the secret access key is kept unless a new one is sent. */
      inputs: awsIamInputsPatchSchema.optional(),
      metadata: metadataSchema.optional(),
    })
    .superRefine((v, ctx) => checkSettings({ ...v, name: v.newName }, ctx)),
});
export type UpdateDynamicSecretInput = z.infer<typeof updateDynamicSecretInputSchema>;

export const deleteDynamicSecretInputSchema = secretLocationSchema.extend({
  isForced: booleanInputSchema.default(false),
});

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
/**
 * Infisical lowercases the dynamic secret's name on update and delete (and on lease create), so "H1-IAM" finds
 * "h1-iam" there; reads by name are exact, as in Infisical (issue 12, item 11; decision 1250).
 */
export const lowercasedNameParamsSchema = z.object({ name: z.string().min(1).max(64).toLowerCase() });
export const dynamicSecretResponseSchema = z.object({ dynamicSecret: dynamicSecretSchema });
export const listDynamicSecretsResponseSchema = z.object({ dynamicSecrets: z.array(dynamicSecretSchema) });

/** "Test configuration": a saved secret's inputs, or a form's, with the stored secret key reused when omitted. */
export const testDynamicSecretInputSchema = secretLocationSchema.extend({
  /** The saved secret whose stored secret access key fills in for an omitted one. */
  name: z.string().min(1).max(64).optional(),
  provider: z.object({ type: z.literal("aws-iam"), inputs: awsIamInputsPatchSchema }).optional(),
  /** The form's max TTL, checked against the role's MaxSessionDuration for temporary credentials. */
  maxTTL: ttlDurationSchema.nullable().optional(),
  /** The form's template and name: a sample lease user's ARN is what the permissions are simulated on. */
  usernameTemplate: usernameTemplateSchema.nullable().optional(),
  dynamicSecretName: z.string().trim().max(64).optional(),
});

/**
 * One check's outcome. `failed` means Generate (or revoking a lease) would fail; `warning`, that something works
 * only partly; `skipped`, that AWS would not let Leasehold look, which is not a failure.
 */
const configCheckStatusSchema = z.enum(["ok", "warning", "skipped", "failed"]);
export type ConfigCheckStatus = z.infer<typeof configCheckStatusSchema>;

const configCheckSchema = z
  .object({
    /** Stable within one answer, e.g. `field:userGroups` or `action:iam:CreateUser`. */
    id: z.string(),
    /**
     * `credentials`: the managing credentials and the role; `iam`: the fields and permissions IAM answers about;
     * `session`: temporary credentials only, the role's sessions and its revoked-sessions policy.
     */
    step: z.enum(["credentials", "iam", "session"]),
    /** False only when `status` is `failed` (kept for readers of the first version of this answer). */
    ok: z.boolean(),
    status: configCheckStatusSchema,
    /** What was checked, in a few words ("User groups", "iam:CreateUser"). */
    title: z.string(),
    /** The form field it concerns, as an `issues[].path` names it (["provider", "inputs", "userGroups"]). */
    field: z.array(z.string()).nullable(),
    /** The AWS action it concerns, when one does ("iam:AddUserToGroup"). */
    action: z.string().nullable(),
    /** What was found and, unless it is ok, what to do about it. */
    message: z.string(),
  })
  .meta({ id: "ConfigCheck" });
export type ConfigCheck = z.infer<typeof configCheckSchema>;

export const testDynamicSecretResponseSchema = z.object({
  /** False when any check failed; warnings and skipped checks do not make it false. */
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
const orphanUserSchema = z.object({
  username: z.string(),
  arn: z.string(),
  path: z.string(),
  createdAt: timestampSchema.nullable(),
  /** The lease ID tag the user carries, when it has one. */
  leaseId: z.string().nullable(),
});
export const listOrphansResponseSchema = z.object({ orphans: z.array(orphanUserSchema) });
export const deleteOrphansInputSchema = secretLocationSchema.extend({
  usernames: z
    .array(z.string().regex(/^[\w+=,.@-]{1,64}$/, "Not an IAM user name"))
    .min(1, "Choose at least one user")
    .max(100),
});
export const deleteOrphansResponseSchema = z.object({
  deleted: z.array(z.string()),
  failed: z.array(z.object({ username: z.string(), message: z.string() })),
});
