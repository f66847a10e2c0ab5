import { splitCommaList } from "#shared/arn.ts";
import { formatDurationForApi } from "#shared/durations.ts";
import type { AwsIamInputs, AwsIamInputsView, DynamicSecret } from "#shared/schemas/dynamic-secrets.ts";
import type { Envelope } from "../../lib/crypto/envelope.ts";
import type { DynamicSecretRow } from "./dynamic-secrets.repo.ts";
import type { IamUserSpec } from "./providers/aws-iam-user/iam-user-lifecycle.ts";

/**
 * A dynamic secret as the lease machinery uses it: the row, its inputs with defaults
 * filled in, and the secret access key decrypted (only in memory, only when needed).
 */
export interface DynamicSecretConfig {
  row: DynamicSecretRow;
  inputs: AwsIamInputsView;
  secretAccessKey: string | null;
}

const cipherAt = (id: string) => ({ table: "dynamic_secrets", row: id, column: "secret_access_key_ciphertext" });

export function decryptConfig(envelope: Envelope, row: DynamicSecretRow): DynamicSecretConfig {
  return {
    row,
    inputs: inputsView(row),
    secretAccessKey: row.secretAccessKeyCiphertext
      ? envelope.decrypt(row.secretAccessKeyCiphertext, cipherAt(row.id))
      : null,
  };
}

/** The inputs responses show: stored fields plus the App Connection, never the secret key. */
function inputsView(row: DynamicSecretRow): AwsIamInputsView {
  return { ...row.inputs, ...(row.appConnectionId ? { appConnectionId: row.appConnectionId } : {}) };
}

/**
 * Splits validated inputs into what is stored where: plain JSON (no secret), the secret
 * access key as ciphertext bound to this row, and the App Connection as a column (so a
 * connection in use can be found, and cannot be deleted under the secret).
 */
export function storedInputs(envelope: Envelope, id: string, inputs: AwsIamInputs) {
  const { secretAccessKey, appConnectionId, ...plain } = inputs;
  const view: AwsIamInputsView = {
    ...dropEmpty(plain),
    method: inputs.method ?? "access-key",
    credentialType: inputs.credentialType ?? "iam-user",
  };
  return {
    inputs: view,
    appConnectionId: appConnectionId ?? null,
    secretAccessKeyCiphertext:
      secretAccessKey && !appConnectionId ? envelope.encrypt(secretAccessKey, cipherAt(id)) : null,
  };
}

/** "" means "not set" in forms and in Infisical's payloads; it is not stored. */
function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== "" && v !== undefined)) as T;
}

/** The IAM user a lease of this secret gets. */
export function iamUserSpecOf(config: DynamicSecretConfig, username: string, leaseId: string): IamUserSpec {
  const i = config.inputs;
  return {
    username,
    leaseId,
    path: i.awsPath || "/",
    permissionsBoundaryArn: i.permissionBoundaryPolicyArn || undefined,
    tags: i.tags ?? [],
    groups: splitCommaList(i.userGroups),
    policyArns: splitCommaList(i.policyArns),
    inlinePolicyDocument: i.policyDocument?.trim() ? i.policyDocument : undefined,
  };
}

export function toDynamicSecretView(
  row: DynamicSecretRow,
  environmentSlug: string,
  activeLeaseCount: number,
): DynamicSecret {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    version: row.version,
    defaultTTL: formatDurationForApi(row.defaultTtlSeconds),
    maxTTL: row.maxTtlSeconds === null ? null : formatDurationForApi(row.maxTtlSeconds),
    projectId: row.projectId,
    environmentId: row.environmentId,
    environmentSlug,
    path: row.folderPath,
    usernameTemplate: row.usernameTemplate,
    metadata: row.metadata,
    inputs: inputsView(row),
    activeLeaseCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
