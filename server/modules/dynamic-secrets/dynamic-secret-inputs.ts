import type { z } from "zod";
import { formatDurationForApi } from "#shared/durations.ts";
import type { Issue } from "#shared/errors.ts";
import {
  type AwsIamInputFields,
  type AwsIamInputs,
  awsIamInputsSchema,
  STS_LIMITS,
  temporaryCredentialsTtlCap,
} from "#shared/schemas/dynamic-secrets.ts";
import type { RequestContext } from "../../context.ts";
import type { Env } from "../../env.ts";
import type { ConnectionCredentialSource } from "../../lib/aws/connection-credentials.ts";
import { AppError, badRequest, fieldError } from "../../lib/http/errors.ts";
import { IRSA_DISABLED_MESSAGE } from "./dynamic-secret-aws.ts";
import type { DynamicSecretConfig } from "./dynamic-secret-config.ts";

const CREDENTIAL_FIELDS = ["accessKey", "secretAccessKey", "roleArn", "appConnectionId"] as const;

/** A patch of the inputs as PATCH and "Test configuration" send it; null clears the App Connection. */
export type InputsPatch = Partial<Omit<AwsIamInputFields, "appConnectionId">> & {
  appConnectionId?: string | null | undefined;
};

/**
 * The stored inputs (with the decrypted secret key) merged with a patch. Switching the
 * method or the App Connection drops the old source's credentials unless they are sent
 * again, so a secret key never lingers under a method that does not use it.
 */
export function mergeInputs(
  current: DynamicSecretConfig | null,
  patch: InputsPatch | undefined,
): Record<string, unknown> {
  const base: Record<string, unknown> = current
    ? { ...current.inputs, ...(current.secretAccessKey ? { secretAccessKey: current.secretAccessKey } : {}) }
    : {};
  const changes = patch ?? {};
  const switched =
    (changes.method !== undefined && changes.method !== (base.method ?? "access-key")) ||
    (changes.appConnectionId !== undefined && changes.appConnectionId !== (base.appConnectionId ?? null));
  if (switched) for (const key of CREDENTIAL_FIELDS) if (!(key in changes)) delete base[key];
  const merged: Record<string, unknown> = { ...base, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value === null || value === undefined) delete merged[key];
  return merged;
}

/** Validates merged inputs with the full rules; issues carry `prefix` so forms can place them. */
export function parseInputs(merged: Record<string, unknown>, prefix: (string | number)[]): AwsIamInputs {
  const result = awsIamInputsSchema.safeParse(merged);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((i: z.core.$ZodIssue) => ({
    path: [...prefix, ...i.path.map(String)],
    message: i.message,
    code: i.code,
  }));
  throw badRequest("invalid_request", `Invalid request: ${issues[0]!.path.join(".")}: ${issues[0]!.message}`, issues);
}

/**
 * The save-time checks that need the server: IRSA must be enabled by the operator, and an
 * App Connection must exist in the org and be usable by this project.
 */
export async function checkCredentialSource(
  deps: {
    env: Pick<Env, "KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN">;
    connections: () => ConnectionCredentialSource | null;
  },
  ctx: RequestContext,
  projectId: string,
  inputs: AwsIamInputs,
  prefix: (string | number)[],
) {
  if (inputs.appConnectionId) {
    const source = deps.connections();
    if (!source) throw fieldError([...prefix, "appConnectionId"], "App Connections are not available on this server");
    try {
      return (await source.credentialsFor(ctx, inputs.appConnectionId, { projectId })).connection.method;
    } catch (error) {
      if (error instanceof AppError)
        throw fieldError(
          [...prefix, "appConnectionId"],
          error.status === 404 ? "No App Connection with this ID is available to this project" : error.message,
          error.code,
        );
      throw error;
    }
  }
  if (inputs.method === "irsa" && !deps.env.KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN) {
    throw fieldError([...prefix, "method"], IRSA_DISABLED_MESSAGE, "irsa_disabled");
  }
  return undefined;
}

/**
 * STS's session limits for temporary credentials (API.md), at save time: the default TTL at least 15 min,
 * the max TTL within the method's cap. An absent max TTL becomes the cap, so every lease is checked against it.
 */
export function sessionTtlLimits(
  inputs: Pick<AwsIamInputs, "method" | "credentialType">,
  connectionMethod: "assume-role" | "access-key" | undefined,
  ttl: { defaultTtl: number; maxTtl: number | null },
  prefix: (string | number)[],
): number | null {
  if (inputs.credentialType !== "temporary-credentials") return ttl.maxTtl;
  const cap = temporaryCredentialsTtlCap(inputs.method ?? "access-key", connectionMethod);
  if (ttl.defaultTtl < STS_LIMITS.minSeconds)
    throw fieldError(
      [...prefix, "defaultTTL"],
      "Temporary credentials last at least 15 minutes (AWS's minimum); " +
        `the default TTL is ${formatDurationForApi(ttl.defaultTtl)}`,
    );
  if (ttl.maxTtl !== null && ttl.maxTtl > cap.seconds)
    throw fieldError(
      [...prefix, "maxTTL"],
      `The max TTL (${formatDurationForApi(ttl.maxTtl)}) is longer than ` +
        `${formatDurationForApi(cap.seconds)}: ${cap.why}`,
    );
  if (ttl.defaultTtl > cap.seconds)
    throw fieldError(
      [...prefix, "defaultTTL"],
      `The default TTL (${formatDurationForApi(ttl.defaultTtl)}) is longer than ` +
        `${formatDurationForApi(cap.seconds)}: ${cap.why}`,
    );
  return ttl.maxTtl ?? cap.seconds;
}
