import { z } from "zod";
import { externalIdForScope } from "#shared/aws-policies.ts";
import {
  type AppConnection,
  accessKeyIdSchema,
  assumeRoleCredentialsInputSchema,
  type CreateAppConnectionInput,
  secretAccessKeySchema,
  type UpdateAppConnectionInput,
} from "#shared/schemas/app-connections.ts";
import { parseStsEndpoint } from "#shared/sts-endpoint.ts";
import type { ConnectionSecrets } from "../../lib/aws/connection-credentials.ts";
import type { Envelope } from "../../lib/crypto/envelope.ts";
import { AppError } from "../../lib/http/errors.ts";
import type { AppConnectionRow } from "./app-connections.repo.ts";

/** Where a connection's secret key is sealed: the AAD binds the ciphertext to this row and column. */
const secretLocation = (connectionId: string) => ({
  table: "app_connections",
  row: connectionId,
  column: "secret_access_key_ciphertext",
});

/** "" and absent both mean "no endpoint"; a valid one is stored in its normalised form. */
function normalisedStsEndpoint(value: string | undefined | null): string | null {
  if (!value) return null;
  const parsed = parseStsEndpoint(value);
  return parsed.ok ? parsed.endpoint.url : null;
}

export function secretsFromCreateInput(input: CreateAppConnectionInput): ConnectionSecrets {
  if (input.method === "assume-role") {
    return {
      method: "assume-role",
      roleArn: input.credentials.roleArn,
      stsEndpoint: normalisedStsEndpoint(input.credentials.stsEndpoint),
    };
  }
  const secretAccessKey = input.credentials.secretAccessKey ?? input.credentials.secretKey!;
  return { method: "access-key", accessKeyId: input.credentials.accessKeyId, secretAccessKey };
}

const accessKeyUpdateSchema = z
  .object({
    accessKeyId: accessKeyIdSchema.optional(),
    secretAccessKey: secretAccessKeySchema.optional(),
    secretKey: secretAccessKeySchema.optional(),
  })
  .refine((v) => v.secretAccessKey !== undefined || v.secretKey !== undefined, {
    path: ["secretAccessKey"],
    message: "Enter the secret access key: a key is re-validated with its secret, which Leasehold never shows",
  });

/**
 * New credentials for an existing connection, checked against its method. Fields left
 * out keep their value (the role ARN, the endpoint, the key ID), except the secret key,
 * which a change always needs. Problems are reported under `credentials.<field>`.
 */
export function secretsFromUpdate(
  row: AppConnectionRow,
  credentials: NonNullable<UpdateAppConnectionInput["credentials"]>,
): ConnectionSecrets {
  const prefixIssues = (error: z.ZodError) =>
    new AppError(
      400,
      "invalid_request",
      `Invalid request: credentials.${error.issues[0]!.path.join(".")}: ${error.issues[0]!.message}`,
      {
        issues: error.issues.map((i) => ({
          path: ["credentials", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: i.message,
          code: i.code,
        })),
      },
    );
  if (row.method === "assume-role") {
    const stray = (["accessKeyId", "secretAccessKey", "secretKey"] as const).find((k) => credentials[k] !== undefined);
    if (stray)
      throw new AppError(400, "invalid_request", "This connection assumes a role: send roleArn and stsEndpoint", {
        issues: [{ path: ["credentials", stray], message: "An assume-role connection has no access keys" }],
      });
    const parsed = assumeRoleCredentialsInputSchema.safeParse({
      roleArn: credentials.roleArn ?? row.roleArn,
      stsEndpoint: credentials.stsEndpoint ?? row.stsEndpoint ?? "",
    });
    if (!parsed.success) throw prefixIssues(parsed.error);
    return {
      method: "assume-role",
      roleArn: parsed.data.roleArn,
      stsEndpoint: normalisedStsEndpoint(parsed.data.stsEndpoint),
    };
  }
  const stray = (["roleArn", "stsEndpoint"] as const).find((k) => credentials[k] !== undefined);
  if (stray)
    throw new AppError(
      400,
      "invalid_request",
      "This connection uses an access key: send accessKeyId and secretAccessKey",
      { issues: [{ path: ["credentials", stray], message: "An access-key connection has no role" }] },
    );
  const parsed = accessKeyUpdateSchema.safeParse(credentials);
  if (!parsed.success) throw prefixIssues(parsed.error);
  return {
    method: "access-key",
    accessKeyId: parsed.data.accessKeyId ?? row.accessKeyId!,
    secretAccessKey: (parsed.data.secretAccessKey ?? parsed.data.secretKey)!,
  };
}

/** The columns that hold a connection's credentials; the secret is sealed before it leaves this function. */
export function credentialColumns(envelope: Envelope, connectionId: string, secrets: ConnectionSecrets) {
  return secrets.method === "assume-role"
    ? { roleArn: secrets.roleArn, stsEndpoint: secrets.stsEndpoint, accessKeyId: null, secretAccessKeyCiphertext: null }
    : {
        roleArn: null,
        stsEndpoint: null,
        accessKeyId: secrets.accessKeyId,
        secretAccessKeyCiphertext: envelope.encrypt(secrets.secretAccessKey, secretLocation(connectionId)),
      };
}

/** The stored credentials, with the secret key opened (only for a call to AWS). */
export function secretsOfRow(envelope: Envelope, row: AppConnectionRow): ConnectionSecrets {
  if (row.method === "assume-role")
    return { method: "assume-role", roleArn: row.roleArn!, stsEndpoint: row.stsEndpoint };
  return {
    method: "access-key",
    accessKeyId: row.accessKeyId!,
    secretAccessKey: envelope.decrypt(row.secretAccessKeyCiphertext!, secretLocation(row.id)),
  };
}

/** The response shape: non-secret fields only. */
export function toAppConnection(row: AppConnectionRow): AppConnection {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    projectId: row.projectId,
    orgId: row.orgId,
    version: row.version,
    app: "aws",
    method: row.method,
    credentials:
      row.method === "assume-role"
        ? { roleArn: row.roleArn!, stsEndpoint: row.stsEndpoint }
        : { accessKeyId: row.accessKeyId! },
    externalId: row.method === "assume-role" ? externalIdForScope(row) : null,
    status: row.status,
    statusMessage: row.statusMessage,
    identityArn: row.identityArn,
    lastCheckedAt: row.lastCheckedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What an audit record may say about a connection: names and non-secret identifiers only. */
export function auditMetadataOf(
  row: Pick<AppConnectionRow, "name" | "method" | "projectId" | "roleArn" | "stsEndpoint" | "accessKeyId" | "version">,
) {
  return {
    name: row.name,
    method: row.method,
    scope: row.projectId ? "project" : "organization",
    version: row.version,
    ...(row.method === "assume-role"
      ? { roleArn: row.roleArn, stsEndpoint: row.stsEndpoint }
      : { accessKeyId: row.accessKeyId }),
  };
}
