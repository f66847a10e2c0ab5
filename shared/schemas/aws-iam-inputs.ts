import { z } from "zod";
import { isPolicyArn, splitCommaList } from "../arn.ts";
import { isKnownRegion } from "../aws-regions.ts";
import { accessKeyIdSchema, roleArnSchema, secretAccessKeySchema } from "./app-connections.ts";

/**
 * The `inputs` of an AWS IAM dynamic secret (../shared/API.md), with every limit IAM would
 * enforce at lease time checked here, at save time (docs/decisions/0500-dynamic-secrets-api-and-limits.md).
 */
// IAM limits, from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
const IAM_LIMITS = {
  pathMax: 512,
  inlinePolicyMaxChars: 2048, // all inline policies of a user together, whitespace not counted
  managedPoliciesPerUser: 20, // 10 by default; AWS raises it to at most 20 on request
  groupsPerUser: 10,
  tagsPerUser: 50,
  /** Tags Leasehold adds to every user it creates (leasehold:managed, leasehold:lease-id). */
  reservedTags: 2,
} as const;

/**
 * STS's own limits (AssumeRole, GetSessionToken, GetFederationToken API references): a session lasts 15 min
 * to 12 h (AssumeRole, also capped by the role's MaxSessionDuration), 1 h when a role session assumes a role
 * (role chaining), up to 36 h for GetSessionToken and GetFederationToken. Session policies and session tags
 * share one packed size limit; the plain-text policy is at most 2,048 characters.
 */
export const STS_LIMITS = {
  minSeconds: 900,
  assumeRoleMaxSeconds: 43_200,
  roleChainingMaxSeconds: 3600,
  sessionTokenMaxSeconds: 129_600,
  sessionPolicyMaxChars: 2048,
  sessionTagsMax: 50,
  sessionNameMax: 64,
} as const;

/**
 * The longest session STS gives for a method, and why: `connectionMethod` is the App Connection's own method
 * when one supplies the credentials (an assume-role connection assumes the role; an access-key one gets a
 * session or federation token).
 */
export function temporaryCredentialsTtlCap(method: AwsIamMethod, connectionMethod?: "assume-role" | "access-key") {
  const effective = connectionMethod ?? method;
  if (effective === "irsa")
    return {
      seconds: STS_LIMITS.roleChainingMaxSeconds,
      why: "IRSA credentials are themselves a role session, and AWS limits a chained role session to 1 hour",
    };
  if (effective === "assume-role")
    return { seconds: STS_LIMITS.assumeRoleMaxSeconds, why: "AWS limits an assumed-role session to 12 hours" };
  return {
    seconds: STS_LIMITS.sessionTokenMaxSeconds,
    why: "AWS limits session and federation tokens to 36 hours",
  };
}

// IAM's own pattern for paths: "/" or "/" + printable ASCII + "/".
const IAM_PATH_RE = /^(\/|\/[\x21-\x7e]+\/)$/;
const IAM_GROUP_NAME_RE = /^[\w+=,.@-]{1,128}$/;
const TAG_CHARS_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A comma-separated list, trimmed and de-duplicated, checked item by item; kept as "a,b,c". */
function commaListSchema(options: { max: number; item: (v: string) => string | null; tooMany: string }) {
  return z
    .string()
    .max(4096)
    .transform((value, ctx) => {
      const items = [...new Set(splitCommaList(value))];
      for (const item of items) {
        const problem = options.item(item);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
      if (items.length > options.max) ctx.addIssue({ code: "custom", message: options.tooMany });
      return items.join(",");
    });
}

/** A policy as JSON text, checked to be a JSON object with a Statement and at most `maxChars` without whitespace. */
function policyJsonSchema(maxChars: number, tooLong: (size: number) => string) {
  return z
    .string()
    .max(20_000)
    .superRefine((value, ctx) => {
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
      if (size > maxChars) ctx.addIssue({ code: "custom", message: tooLong(size) });
    });
}

const policyDocumentSchema = policyJsonSchema(
  IAM_LIMITS.inlinePolicyMaxChars,
  (size) =>
    `The inline policy has ${size} characters without whitespace; ` +
    `IAM allows at most ${IAM_LIMITS.inlinePolicyMaxChars} per user`,
);

/** An inline session policy: it narrows the session's permissions to what both it and the role allow. */
const sessionPolicySchema = policyJsonSchema(
  STS_LIMITS.sessionPolicyMaxChars,
  (size) =>
    `The session policy has ${size} characters without whitespace; ` +
    `STS allows at most ${STS_LIMITS.sessionPolicyMaxChars}`,
);

const iamTagSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Enter a tag key")
    .max(128, "A tag key has at most 128 characters")
    .regex(TAG_CHARS_RE, "A tag key may contain letters, digits, spaces and _ . : / = + - @")
    .refine((k) => !/^aws:/i.test(k), { message: 'Tag keys starting with "aws:" are reserved by AWS' })
    .refine((k) => !/^leasehold:/i.test(k), {
      message: 'Tag keys starting with "leasehold:" are reserved by Leasehold',
    }),
  value: z
    .string()
    .trim()
    .max(256, "A tag value has at most 256 characters")
    .regex(TAG_CHARS_RE, "A tag value may contain letters, digits, spaces and _ . : / = + - @"),
});

const MAX_USER_TAGS = IAM_LIMITS.tagsPerUser - IAM_LIMITS.reservedTags;

const awsIamMethodSchema = z.enum(["access-key", "assume-role", "irsa"]);
export type AwsIamMethod = z.infer<typeof awsIamMethodSchema>;

/** What a lease hands out: an IAM user with an access key, or STS temporary credentials (API.md). */
const awsIamCredentialTypeSchema = z.enum(["iam-user", "temporary-credentials"]);
export type AwsIamCredentialType = z.infer<typeof awsIamCredentialTypeSchema>;

/** Every input field, each optional: PATCH sends some, and the method rules are checked on the whole. */
const awsIamInputFieldsSchema = z.object({
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
    .refine((v) => v === "" || IAM_PATH_RE.test(v), {
      message: 'An IAM path starts and ends with "/", such as /leasehold/',
    })
    .optional(),
  permissionBoundaryPolicyArn: z
    .string()
    .trim()
    .refine((v) => v === "" || isPolicyArn(v), {
      message: "Enter a managed policy ARN, such as arn:aws:iam::123456789012:policy/boundary",
    })
    .optional(),
  policyDocument: policyDocumentSchema.optional(),
  userGroups: commaListSchema({
    max: IAM_LIMITS.groupsPerUser,
    item: (g) =>
      IAM_GROUP_NAME_RE.test(g) ? null : `"${g}" is not an IAM group name (1-128 letters, digits and + = , . @ _ -)`,
    tooMany: `An IAM user can be in at most ${IAM_LIMITS.groupsPerUser} groups`,
  }).optional(),
  policyArns: commaListSchema({
    max: IAM_LIMITS.managedPoliciesPerUser,
    item: (arn) => (isPolicyArn(arn) ? null : `"${arn}" is not a managed policy ARN`),
    tooMany:
      `IAM attaches at most ${IAM_LIMITS.managedPoliciesPerUser} managed policies to a user ` +
      "(10 unless AWS raised your quota)",
  }).optional(),
  tags: z
    .array(iamTagSchema)
    .max(
      MAX_USER_TAGS,
      `At most ${MAX_USER_TAGS} tags: IAM allows ${IAM_LIMITS.tagsPerUser} per user ` +
        `and Leasehold adds ${IAM_LIMITS.reservedTags}`,
    )
    .superRefine((tags, ctx) => {
      const seen = new Set<string>();
      tags.forEach((tag, index) => {
        // IAM tag keys are case-insensitive: "Team" and "team" are one key.
        const key = tag.key.toLowerCase();
        if (seen.has(key))
          ctx.addIssue({ code: "custom", path: [index, "key"], message: `The tag key "${tag.key}" appears twice` });
        seen.add(key);
      });
    })
    .optional(),
  credentialType: awsIamCredentialTypeSchema.optional(),
  /** Ours, temporary credentials only: an inline session policy (JSON). */
  sessionPolicy: sessionPolicySchema.optional(),
  /** Ours, temporary credentials only: session tags, passed to AssumeRole or GetFederationToken. */
  sessionTags: z
    .array(iamTagSchema)
    .max(STS_LIMITS.sessionTagsMax, `STS takes at most ${STS_LIMITS.sessionTagsMax} session tags`)
    .optional(),
});
export type AwsIamInputFields = z.infer<typeof awsIamInputFieldsSchema>;

/** The method rules: which credential fields each method needs, and which it must not have. */
function checkAwsIamMethod(inputs: Partial<AwsIamInputFields>, ctx: z.RefinementCtx) {
  const method = inputs.method ?? "access-key";
  const present = (key: "accessKey" | "secretAccessKey" | "roleArn") => Boolean(inputs[key]);
  const need = (key: "accessKey" | "secretAccessKey" | "roleArn", message: string) => {
    if (!present(key)) ctx.addIssue({ code: "custom", path: [key], message });
  };
  const refuse = (key: "accessKey" | "secretAccessKey" | "roleArn", why: string) => {
    if (present(key)) ctx.addIssue({ code: "custom", path: [key], message: why });
  };
  checkCredentialType(inputs, ctx);
  if (inputs.appConnectionId) {
    for (const key of ["accessKey", "secretAccessKey", "roleArn"] as const)
      refuse(key, "Leave this empty: the App Connection supplies the credentials");
    return;
  }
  if (method === "access-key") {
    need("accessKey", "Enter the access key ID of the managing IAM user");
    need("secretAccessKey", "Enter the secret access key of the managing IAM user");
    refuse("roleArn", "The access-key method takes no role ARN");
  } else {
    need(
      "roleArn",
      method === "irsa" ? "Enter the ARN of the role of the service account" : "Enter the ARN of the role to assume",
    );
    refuse("accessKey", `The ${method} method takes no access key`);
    refuse("secretAccessKey", `The ${method} method takes no secret access key`);
  }
}

/** Which fields each credential type takes: an IAM user's path, groups, boundary and tags mean nothing to a session. */
function checkCredentialType(inputs: Partial<AwsIamInputFields>, ctx: z.RefinementCtx) {
  const refuse = (key: keyof AwsIamInputFields, why: string) => {
    const value = inputs[key];
    if (value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0))
      ctx.addIssue({ code: "custom", path: [key], message: why });
  };
  if ((inputs.credentialType ?? "iam-user") === "iam-user") {
    const only = "applies to temporary credentials only; IAM users get policies through policyArns and policyDocument";
    refuse("sessionPolicy", `A session policy ${only}`);
    refuse("sessionTags", `Session tags ${only}`);
    return;
  }
  const noUser = "Temporary credentials are an STS session, not an IAM user, so they have no";
  refuse("userGroups", `${noUser} groups: grant permissions through the role's policies or a session policy`);
  refuse("awsPath", `${noUser} IAM path`);
  refuse("permissionBoundaryPolicyArn", `${noUser} permissions boundary: use a session policy to narrow them`);
  refuse("tags", `${noUser} user tags: use session tags instead`);
  refuse("policyDocument", "For temporary credentials, put the inline policy in sessionPolicy");
  if ((inputs.method ?? "access-key") !== "access-key" && !inputs.appConnectionId)
    refuse(
      "policyArns",
      "Policy ARNs apply to federation tokens (the access-key method) only; " +
        "narrow a role session with a session policy",
    );
}

export const awsIamInputsSchema = awsIamInputFieldsSchema.superRefine(checkAwsIamMethod);
export type AwsIamInputs = z.infer<typeof awsIamInputsSchema>;

/** Some inputs, as PATCH sends them; `appConnectionId: null` switches back to the method's own credentials. */
export const awsIamInputsPatchSchema = awsIamInputFieldsSchema
  .partial()
  .extend({ appConnectionId: z.uuid("Choose an App Connection").nullable().optional() });

/** What responses show of the inputs: everything but the secret access key. */
export const awsIamInputsViewSchema = awsIamInputFieldsSchema.omit({ secretAccessKey: true }).extend({
  method: awsIamMethodSchema,
  credentialType: awsIamCredentialTypeSchema,
});
export type AwsIamInputsView = z.infer<typeof awsIamInputsViewSchema>;
