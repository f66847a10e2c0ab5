import { z } from "zod";
import { APP_CONNECTION_METHODS } from "../app-connection-methods.ts";
import { parseIamPrincipalArn } from "../arn.ts";
import { parseStsEndpoint } from "../sts-endpoint.ts";
import { timestampSchema } from "./common.ts";

/**
 * AWS App Connections (../shared/API.md, "AWS App Connections"). The request and response
 * shapes match Infisical's `/api/v1/app-connections/aws`; `status`, `statusMessage`,
 * `identityArn`, `externalId` and `lastCheckedAt` are additions of ours.
 */
const appConnectionMethodSchema = z.enum(APP_CONNECTION_METHODS);
export type AppConnectionMethod = z.infer<typeof appConnectionMethodSchema>;

// Infisical names connections with slugs, and they appear in URLs (/connection-name/:name).
export const connectionNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(64, "A name has at most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens, e.g. prod-aws");

export const connectionDescriptionSchema = z.string().trim().max(256, "A description has at most 256 characters");

export const roleArnSchema = z
  .string()
  .trim()
  .min(1, "Enter the ARN of the IAM role to assume")
  .refine((v) => parseIamPrincipalArn(v)?.kind === "role", {
    message: "Enter the ARN of an IAM role, such as arn:aws:iam::123456789012:role/leasehold",
  });

/** Optional; "" means "not set" so that forms can send an empty field. */
export const stsEndpointInputSchema = z
  .string()
  .trim()
  .max(256, "The STS endpoint has at most 256 characters")
  .superRefine((value, ctx) => {
    if (value === "") return;
    const parsed = parseStsEndpoint(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
  });

// AWS access key IDs are 16-128 characters of [A-Z0-9]; long-term user keys start with AKIA, session keys with ASIA.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html
const AWS_ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

/**
 * Any key ID Infisical's server and SDK accept, so that emulators' keys such as "test" (moto, LocalStack) work
 * (issue 12, item 10; decision 1250). Refused are only keys that can never work: empty, too long, with spaces (a
 * paste error) or characters an HTTP header cannot carry, or a session key (ASIA…), which needs a session token
 * these inputs have no field for. AWS's own format is a warning the forms show (`accessKeyIdWarning`); a key AWS
 * does not know fails when AWS is first asked.
 */
export const accessKeyIdSchema = z
  .string()
  .trim()
  .min(1, "Enter the access key ID")
  .max(128, "An access key ID has at most 128 characters")
  // Printable ASCII only: the key ID goes into the SigV4 Authorization header, where anything else cannot be sent.
  .regex(/^[\x21-\x7E]+$/, "An access key ID has no spaces, and only letters, digits and ASCII symbols")
  .refine((v) => !v.startsWith("ASIA"), {
    message: "This is a temporary key (ASIA…), which expires with its session: use a long-term IAM user key (AKIA…)",
  });

/** What a form warns about an access key ID that AWS would not issue; null when it looks like AWS's. */
export function accessKeyIdWarning(value: string): string | null {
  const key = value.trim();
  if (key === "" || AWS_ACCESS_KEY_ID.test(key)) return null;
  return (
    "AWS access key IDs are 16 to 128 capital letters and digits, such as AKIAIOSFODNN7EXAMPLE. " +
    "Fine for an emulator (moto, LocalStack); AWS itself will refuse it."
  );
}

export const secretAccessKeySchema = z
  .string()
  .min(1, "Enter the secret access key")
  .max(128, "A secret access key has at most 128 characters")
  .regex(/^\S+$/, "A secret access key has no spaces");

export const assumeRoleCredentialsInputSchema = z.object({
  roleArn: roleArnSchema,
  stsEndpoint: stsEndpointInputSchema.optional(),
});

/** `secretKey` is Infisical's alias of `secretAccessKey`; exactly one of the two is required. */
const accessKeyCredentialsInputSchema = z
  .object({
    accessKeyId: accessKeyIdSchema,
    secretAccessKey: secretAccessKeySchema.optional(),
    secretKey: secretAccessKeySchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.secretAccessKey === undefined && v.secretKey === undefined) {
      ctx.addIssue({ code: "custom", path: ["secretAccessKey"], message: "Enter the secret access key" });
    } else if (v.secretAccessKey !== undefined && v.secretKey !== undefined && v.secretAccessKey !== v.secretKey) {
      ctx.addIssue({
        code: "custom",
        path: ["secretKey"],
        message: "Send the secret access key once, as secretAccessKey or secretKey",
      });
    }
  });

const connectionFields = {
  name: connectionNameSchema,
  description: connectionDescriptionSchema.nullish(),
  /** Absent: an organisation-scoped connection, usable by every project of the org. */
  projectId: z.uuid().nullish(),
};

export const createAssumeRoleConnectionInputSchema = z.object({
  ...connectionFields,
  method: z.literal("assume-role"),
  credentials: assumeRoleCredentialsInputSchema,
});
export const createAccessKeyConnectionInputSchema = z.object({
  ...connectionFields,
  method: z.literal("access-key"),
  credentials: accessKeyCredentialsInputSchema,
});
export const createAppConnectionInputSchema = z.discriminatedUnion("method", [
  createAssumeRoleConnectionInputSchema,
  createAccessKeyConnectionInputSchema,
]);
export type CreateAppConnectionInput = z.infer<typeof createAppConnectionInputSchema>;

/**
 * Every credential field is optional here; the service checks the set against the
 * connection's method, so each problem is reported on its own field.
 */
export const updateAppConnectionInputSchema = z
  .object({
    name: connectionNameSchema.optional(),
    description: connectionDescriptionSchema.nullish(),
    credentials: z
      .object({
        roleArn: z.string().optional(),
        stsEndpoint: z.string().optional(),
        accessKeyId: z.string().optional(),
        secretAccessKey: z.string().optional(),
        secretKey: z.string().optional(),
      })
      .optional(),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.credentials !== undefined, {
    message: "Change the name, the description or the credentials",
  });
export type UpdateAppConnectionInput = z.infer<typeof updateAppConnectionInputSchema>;

const appConnectionCredentialsSchema = z.union([
  z.object({ roleArn: z.string(), stsEndpoint: z.string().nullable() }),
  z.object({ accessKeyId: z.string() }),
]);

const appConnectionStatusSchema = z.enum(["connected", "failed"]);

const appConnectionSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    projectId: z.uuid().nullable(),
    orgId: z.uuid(),
    version: z.number().int(),
    app: z.literal("aws"),
    method: appConnectionMethodSchema,
    /** Non-secret fields only: a secret key never leaves the server. */
    credentials: appConnectionCredentialsSchema,
    /** The External ID sent on AssumeRole: the project ID, or the org ID for an org-scoped connection. */
    externalId: z.string().nullable(),
    status: appConnectionStatusSchema,
    statusMessage: z.string().nullable(),
    /** Who AWS said the credentials belong to at the last successful check. */
    identityArn: z.string().nullable(),
    lastCheckedAt: timestampSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "AwsAppConnection" });
export type AppConnection = z.infer<typeof appConnectionSchema>;

export const appConnectionResponseSchema = z.object({ appConnection: appConnectionSchema });
export const listAppConnectionsQuerySchema = z.object({
  /** With a project: its own connections and the org's, i.e. those it may use. Without: the org's. */
  projectId: z.uuid().optional(),
});
export const listAppConnectionsResponseSchema = z.object({ appConnections: z.array(appConnectionSchema) });
export const connectionNameParamsSchema = z.object({ connectionName: z.string().min(1).max(128) });
export const connectionIdParamsSchema = z.object({ connectionId: z.uuid() });

/** A dynamic secret or other resource that uses a connection (why a delete is refused). */
const connectionUserSchema = z.object({
  type: z.string(),
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
});
export type ConnectionUser = z.infer<typeof connectionUserSchema>;

export const serverPrincipalQuerySchema = z.object({ projectId: z.uuid().optional() });
export const serverPrincipalResponseSchema = z.object({
  /** True when Leasehold found AWS credentials of its own and AWS answered GetCallerIdentity. */
  configured: z.boolean(),
  /** Where the credentials come from: the two INF_APP_CONNECTION_* variables or the SDK's default chain. */
  source: z.enum(["environment", "default-chain"]),
  arn: z.string().optional(),
  account: z.string().optional(),
  /** Why it is not configured, in words an operator can act on. */
  message: z.string().optional(),
});
