import type { IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { fromTokenFile } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { RequestContext, SystemContext } from "../../context.ts";
import type { Env } from "../../env.ts";
import type { AwsClients, AwsCredentials } from "../../lib/aws/clients.ts";
import type { ConnectionCredentialSource } from "../../lib/aws/connection-credentials.ts";
import { type AwsCallContext, translateAwsError } from "../../lib/aws/translate-error.ts";
import { AppError, fieldError } from "../../lib/http/errors.ts";
import type { DynamicSecretConfig } from "./dynamic-secret-config.ts";

/** What the credentials depend on: a saved configuration, or a form's under test. */
export type CredentialSourceConfig = Pick<DynamicSecretConfig, "inputs" | "secretAccessKey"> & {
  row: Pick<DynamicSecretConfig["row"], "id" | "projectId" | "version">;
};

/**
 * The managing credentials of a dynamic secret, by method (API.md, "Dynamic secrets"):
 * - access-key: the stored key pair;
 * - assume-role: Leasehold's dynamic-secret principal (DYNAMIC_SECRET_AWS_* or the SDK's
 *   default chain) assumes the role with External ID = the project ID;
 * - irsa: the SDK's web-identity chain (EKS service account), only when the operator set
 *   KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN=true;
 * - an App Connection: its credential factory.
 * Temporary credentials are cached per secret version until 5 minutes before they expire.
 */
const SESSION_SECONDS = 3600;
const REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_CACHED_SESSIONS = 500;

export type AwsContext = RequestContext | SystemContext;

export interface ManagingCredentials {
  credentials: AwsCredentials;
  region: string;
  /** Who signs, in words, for error messages. Never a secret. */
  caller: string;
}

export const IRSA_DISABLED_MESSAGE =
  "IRSA is turned off on this server: the operator must set KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN=true (and run Leasehold on EKS with an annotated service account)";

export function createDynamicSecretAws(deps: {
  aws: AwsClients;
  env: Pick<
    Env,
    | "DYNAMIC_SECRET_AWS_ACCESS_KEY_ID"
    | "DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY"
    | "KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN"
  >;
  /** The App Connections credential factory, when that module is wired. */
  connections: () => ConnectionCredentialSource | null;
}) {
  const { aws, env } = deps;
  const sessions = new Map<string, { credentials?: AwsCredentialIdentity; pending?: Promise<AwsCredentialIdentity> }>();
  const iamClients = new Map<string, IAMClient>();

  const basePrincipal = (): AwsCredentialIdentity | undefined =>
    env.DYNAMIC_SECRET_AWS_ACCESS_KEY_ID && env.DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.DYNAMIC_SECRET_AWS_ACCESS_KEY_ID, secretAccessKey: env.DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY }
      : undefined;

  /** One fetch per secret version at a time; reused until shortly before expiry. */
  async function cachedSession(
    key: string,
    fetch: () => Promise<AwsCredentialIdentity>,
  ): Promise<AwsCredentialIdentity> {
    const entry = sessions.get(key);
    const fresh =
      entry?.credentials &&
      (!entry.credentials.expiration || entry.credentials.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS);
    if (fresh) return entry!.credentials!;
    if (entry?.pending) return entry.pending;
    if (sessions.size >= MAX_CACHED_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const next: { credentials?: AwsCredentialIdentity; pending?: Promise<AwsCredentialIdentity> } = {};
    next.pending = fetch().then(
      (credentials) => {
        next.credentials = credentials;
        delete next.pending;
        return credentials;
      },
      (error: unknown) => {
        sessions.delete(key);
        throw error;
      },
    );
    sessions.set(key, next);
    return next.pending;
  }

  async function assumeRole(
    config: CredentialSourceConfig,
    fields: AwsCallContext["fields"],
  ): Promise<AwsCredentialIdentity> {
    const { row, inputs } = config;
    const externalId = row.projectId;
    try {
      const result = await aws.sts({ credentials: basePrincipal(), region: inputs.region }).send(
        new AssumeRoleCommand({
          RoleArn: inputs.roleArn!,
          RoleSessionName: `leasehold-ds-${row.id}`.slice(0, 64),
          ExternalId: externalId,
          DurationSeconds: SESSION_SECONDS,
        }),
      );
      const c = result.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole answered without credentials");
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } catch (error) {
      throw translateAwsError(error, {
        action: "sts:AssumeRole",
        caller: "Leasehold's dynamic-secret principal",
        resource: inputs.roleArn!,
        externalId,
        hints: {
          "no-credentials":
            "Set DYNAMIC_SECRET_AWS_ACCESS_KEY_ID and DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY on the server, or give it an instance role",
          "invalid-credentials": "The server's DYNAMIC_SECRET_AWS_ACCESS_KEY_ID is not a valid key",
        },
        ...(fields ? { fields } : {}),
      });
    }
  }

  async function webIdentity(
    config: CredentialSourceConfig,
    fields: AwsCallContext["fields"],
  ): Promise<AwsCredentialIdentity> {
    const { row, inputs } = config;
    const endpoint = aws.endpoints.sts();
    try {
      return await fromTokenFile({
        roleArn: inputs.roleArn!,
        roleSessionName: `leasehold-ds-${row.id}`.slice(0, 64),
        clientConfig: { region: inputs.region, ...(endpoint ? { endpoint } : {}) },
      })();
    } catch (error) {
      throw translateAwsError(error, {
        action: "sts:AssumeRoleWithWebIdentity",
        caller: "Leasehold's Kubernetes service account",
        resource: inputs.roleArn!,
        hints: {
          "no-credentials":
            "The pod has no web identity token: annotate its service account with eks.amazonaws.com/role-arn",
        },
        ...(fields ? { fields } : {}),
      });
    }
  }

  /**
   * Building an SDK client (config, endpoint rules, signing keys) costs ~10 ms, more than a
   * lease's own database work: clients are reused per secret version and credentials.
   */
  function cachedIamClient(config: CredentialSourceConfig, managing: ManagingCredentials): IAMClient {
    const identity = typeof managing.credentials === "function" ? null : managing.credentials;
    if (!identity) return aws.iam({ credentials: managing.credentials, region: managing.region });
    const key = `${config.row.id}:${config.row.version}:${managing.region}:${identity.accessKeyId}:${identity.expiration?.getTime() ?? ""}`;
    let client = iamClients.get(key);
    if (!client) {
      if (iamClients.size >= MAX_CACHED_SESSIONS) iamClients.delete(iamClients.keys().next().value!);
      client = aws.iam({ credentials: identity, region: managing.region });
      iamClients.set(key, client);
    }
    return client;
  }

  /**
   * The managing credentials for a configuration. `fields` (forms only) names the input to
   * blame when AWS refuses, so the error lands beside it.
   */
  async function managingCredentials(
    config: CredentialSourceConfig,
    ctx: AwsContext,
    options: { fields?: AwsCallContext["fields"]; cache?: boolean } = {},
  ): Promise<ManagingCredentials> {
    const { row, inputs } = config;
    const { fields, cache = true } = options;
    const session = (fetch: () => Promise<AwsCredentialIdentity>) =>
      cache ? cachedSession(`${row.id}:${row.version}`, fetch) : fetch();
    const region = inputs.region;
    if (inputs.appConnectionId) {
      const source = deps.connections();
      if (!source)
        throw new AppError(400, "app_connections_unavailable", "App Connections are not available on this server");
      const { credentials, connection } = await source.credentialsFor(ctx, inputs.appConnectionId, {
        projectId: row.projectId,
      });
      return { credentials, region, caller: `The App Connection "${connection.name}"` };
    }
    switch (inputs.method) {
      case "access-key":
        if (!inputs.accessKey || !config.secretAccessKey)
          throw fieldError(
            ["provider", "inputs", "secretAccessKey"],
            "Enter the secret access key of the managing IAM user",
          );
        return {
          credentials: { accessKeyId: inputs.accessKey, secretAccessKey: config.secretAccessKey },
          region,
          caller: `The managing access key ${inputs.accessKey}`,
        };
      case "assume-role": {
        const credentials = await session(() => assumeRole(config, fields));
        return {
          credentials,
          region,
          caller: `The role ${inputs.roleArn} (assumed with External ID ${row.projectId})`,
        };
      }
      case "irsa": {
        if (!env.KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN)
          throw fieldError(["provider", "inputs", "method"], IRSA_DISABLED_MESSAGE, "irsa_disabled");
        const credentials = await session(() => webIdentity(config, fields));
        return { credentials, region, caller: `The service account role ${inputs.roleArn}` };
      }
    }
  }

  return {
    managingCredentials,
    async iam(config: CredentialSourceConfig, ctx: AwsContext): Promise<{ iam: IAMClient; caller: string }> {
      const managing = await managingCredentials(config, ctx);
      return { iam: cachedIamClient(config, managing), caller: managing.caller };
    },
    clients: (managing: ManagingCredentials): { sts: STSClient; iam: IAMClient } => ({
      sts: aws.sts({ credentials: managing.credentials, region: managing.region }),
      iam: aws.iam({ credentials: managing.credentials, region: managing.region }),
    }),
  };
}
export type DynamicSecretAws = ReturnType<typeof createDynamicSecretAws>;
