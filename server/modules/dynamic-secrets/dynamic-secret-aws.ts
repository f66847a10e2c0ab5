import type { IAMClient } from "@aws-sdk/client-iam";
import type { AssumeRoleCommandInput, STSClient } from "@aws-sdk/client-sts";
import { fromTokenFile } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { Clock, RequestContext, SystemContext } from "../../context.ts";
import type { Env } from "../../env.ts";
import { type AssumedSession, assumeRole, createSessionCache } from "../../lib/aws/assume-role.ts";
import type { AwsClients, AwsCredentials } from "../../lib/aws/clients.ts";
import type { ConnectionCredentialSource, ConnectionLeaseSession } from "../../lib/aws/connection-credentials.ts";
import { type AwsCallContext, translateAwsError } from "../../lib/aws/translate-error.ts";
import { AppError, fieldError } from "../../lib/http/errors.ts";
import type { DynamicSecretConfig } from "./dynamic-secret-config.ts";

/** What the credentials depend on: a saved configuration, or a form's under test. */
export type CredentialSourceConfig = Pick<DynamicSecretConfig, "inputs" | "secretAccessKey"> & {
  row: Pick<DynamicSecretConfig["row"], "id" | "projectId" | "version">;
};

const SESSION_SECONDS = 3600;
const MAX_CACHED_SESSIONS = 500;

/** What a temporary-credentials lease adds to its AssumeRole or federation token. */
export type LeaseSessionParams = Pick<AssumeRoleCommandInput, "SourceIdentity" | "Policy" | "Tags">;

export type AwsContext = RequestContext | SystemContext;

export interface ManagingCredentials {
  credentials: AwsCredentials;
  region: string;
  /** Who signs, in words, for error messages. Never a secret. */
  caller: string;
}

/** See sessionBase: the same shape as an App Connection's. */
export type SessionBase = ConnectionLeaseSession;

export const IRSA_DISABLED_MESSAGE =
  "IRSA is turned off on this server: the operator must set KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN=true " +
  "(and run Leasehold on EKS with an annotated service account)";

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
  clock: Clock;
}) {
  const { aws, env } = deps;
  const sessions = createSessionCache(deps.clock, {
    max: MAX_CACHED_SESSIONS,
    lifetimeMs: SESSION_SECONDS * 1000,
  });
  const iamClients = new Map<string, IAMClient>();

  const basePrincipal = (): AwsCredentialIdentity | undefined =>
    env.DYNAMIC_SECRET_AWS_ACCESS_KEY_ID && env.DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.DYNAMIC_SECRET_AWS_ACCESS_KEY_ID, secretAccessKey: env.DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY }
      : undefined;
  const baseSts = (region: string) => aws.sts({ credentials: basePrincipal(), region });

  /** AssumeRole as Leasehold's dynamic-secret principal, with External ID = the project ID. */
  async function assumeRoleAsBase(
    config: CredentialSourceConfig,
    params: { sessionName: string; durationSeconds: number; extra?: LeaseSessionParams },
    fields?: AwsCallContext["fields"],
  ): Promise<AssumedSession> {
    const { row, inputs } = config;
    const externalId = row.projectId;
    try {
      return await assumeRole(baseSts(inputs.region), {
        RoleArn: inputs.roleArn!,
        RoleSessionName: params.sessionName,
        ExternalId: externalId,
        DurationSeconds: params.durationSeconds,
        ...params.extra,
      });
    } catch (error) {
      throw translateAwsError(error, {
        action: "sts:AssumeRole",
        caller: "Leasehold's dynamic-secret principal",
        resource: inputs.roleArn!,
        externalId,
        hints: {
          "no-credentials":
            "Set DYNAMIC_SECRET_AWS_ACCESS_KEY_ID and DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY on the server, " +
            "or give it an instance role",
          "invalid-credentials": "The server's DYNAMIC_SECRET_AWS_ACCESS_KEY_ID is not a valid key",
        },
        ...(fields ? { fields } : {}),
      });
    }
  }

  const managingSessionName = (config: CredentialSourceConfig) => `leasehold-ds-${config.row.id}`.slice(0, 64);
  const assumeManagingRole = async (config: CredentialSourceConfig, fields: AwsCallContext["fields"]) =>
    (
      await assumeRoleAsBase(
        config,
        { sessionName: managingSessionName(config), durationSeconds: SESSION_SECONDS },
        fields,
      )
    ).credentials;

  async function webIdentity(
    config: CredentialSourceConfig,
    fields: AwsCallContext["fields"],
  ): Promise<AwsCredentialIdentity> {
    const { inputs } = config;
    const endpoint = aws.endpoints.sts();
    try {
      return await fromTokenFile({
        roleArn: inputs.roleArn!,
        roleSessionName: managingSessionName(config),
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
    const expires = identity.expiration?.getTime() ?? "";
    const key = `${config.row.id}:${config.row.version}:${managing.region}:${identity.accessKeyId}:${expires}`;
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
      cache ? sessions.get(`${row.id}:${row.version}`, fetch) : fetch();
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
        const credentials = await session(() => assumeManagingRole(config, fields));
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

  /**
   * Where a temporary-credentials lease comes from (API.md, "Temporary credentials"): a role to assume (the
   * method's or an assume-role App Connection's, with its External ID), or a key to ask for a session or
   * federation token with. `chained`: the base credentials are themselves a role session (1 h at most).
   */
  async function sessionBase(config: CredentialSourceConfig, ctx: AwsContext): Promise<SessionBase> {
    const { row, inputs } = config;
    if (inputs.appConnectionId) {
      const source = deps.connections();
      if (!source)
        throw new AppError(400, "app_connections_unavailable", "App Connections are not available on this server");
      return source.leaseSessionFor(ctx, inputs.appConnectionId, { projectId: row.projectId });
    }
    if (inputs.method === "access-key") {
      const managing = await managingCredentials(config, ctx);
      return {
        kind: "token",
        sts: aws.sts({ credentials: managing.credentials, region: managing.region }),
        caller: managing.caller,
      };
    }
    if (inputs.method === "irsa") {
      const managing = await managingCredentials(config, ctx);
      const sts = aws.sts({ credentials: managing.credentials, region: managing.region });
      return {
        kind: "assume-role",
        roleArn: inputs.roleArn!,
        caller: managing.caller,
        chained: true,
        assume: async (params) => {
          try {
            return await assumeRole(sts, {
              RoleArn: inputs.roleArn!,
              RoleSessionName: params.sessionName,
              ExternalId: row.projectId,
              DurationSeconds: params.durationSeconds,
              ...params.extra,
            });
          } catch (error) {
            throw translateAwsError(error, {
              action: "sts:AssumeRole",
              caller: managing.caller,
              resource: inputs.roleArn!,
              externalId: row.projectId,
            });
          }
        },
      };
    }
    // Without the server's own keys the default chain signs; on EC2, ECS or EKS that is a role session.
    const base =
      basePrincipal() ??
      (await baseSts(inputs.region)
        .config.credentials()
        .catch(() => undefined));
    return {
      kind: "assume-role",
      roleArn: inputs.roleArn!,
      caller: "Leasehold's dynamic-secret principal",
      chained: Boolean(base?.sessionToken),
      assume: (params) => assumeRoleAsBase(config, params),
    };
  }

  return {
    sessionBase,
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
