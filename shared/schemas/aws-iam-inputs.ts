import { z } from "zod";
import { isPolicyArn, splitCommaList } from "../arn.ts";
import { isKnownRegion } from "../aws-regions.ts";
import { accessKeyIdSchema, roleArnSchema, secretAccessKeySchema } from "./app-connections.ts";

/**
 * The `inputs` of an AWS IAM dynamic secret (../shared/API.md), with every limit IAM would
 * enforce at lease time checked here, at save time (docs/decisions/0500-dynamic-secrets-api-and-limits.md).
 */
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

export const policyDocumentSchema = z
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
    if (size > IAM_LIMITS.inlinePolicyMaxChars) {
      ctx.addIssue({
        code: "custom",
        message: `The inline policy has ${size} characters without whitespace; IAM allows at most ${IAM_LIMITS.inlinePolicyMaxChars} per user`,
      });
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
    tooMany: `IAM attaches at most ${IAM_LIMITS.managedPoliciesPerUser} managed policies to a user (10 unless AWS raised your quota)`,
  }).optional(),
  tags: z
    .array(iamTagSchema)
    .max(
      MAX_USER_TAGS,
      `At most ${MAX_USER_TAGS} tags: IAM allows ${IAM_LIMITS.tagsPerUser} per user and Leasehold adds ${IAM_LIMITS.reservedTags}`,
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

export const awsIamInputsSchema = awsIamInputFieldsSchema.superRefine(checkAwsIamMethod);
export type AwsIamInputs = z.infer<typeof awsIamInputsSchema>;

/** Some inputs, as PATCH sends them; `appConnectionId: null` switches back to the method's own credentials. */
export const awsIamInputsPatchSchema = awsIamInputFieldsSchema
  .partial()
  .extend({ appConnectionId: z.uuid("Choose an App Connection").nullable().optional() });

/** What responses show of the inputs: everything but the secret access key. */
export const awsIamInputsViewSchema = awsIamInputFieldsSchema.omit({ secretAccessKey: true }).extend({
  method: awsIamMethodSchema,
  credentialType: z.literal("iam-user"),
});
export type AwsIamInputsView = z.infer<typeof awsIamInputsViewSchema>;
