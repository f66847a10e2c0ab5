import { type AssumeRoleCommandInput, GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { externalIdForScope } from "#shared/aws-policies.ts";
import { regionalStsEndpoint } from "#shared/aws-regions.ts";
import type { AppConnectionMethod } from "#shared/schemas/app-connections.ts";
import { parseStsEndpoint } from "#shared/sts-endpoint.ts";
import type { Clock, RequestContext, SystemContext } from "../../context.ts";
import type { Env } from "../../env.ts";
import { type AssumedSession, assumeRole, createSessionCache } from "./assume-role.ts";
import type { AwsClients, AwsCredentials } from "./clients.ts";
import { type AwsCallContext, translateAwsError } from "./translate-error.ts";

/**
 * The credential factory: turns an AWS App Connection into credentials that other
 * modules (dynamic secrets) hand to core.aws. The same code validates a connection when
 * it is created and produces its credentials later, so the External ID, the session
 * name and the endpoint are the same at validation and at every use.
 */

/** What a connection's credentials are, once its secret has been decrypted. */
export type ConnectionSecrets =
  | { method: "assume-role"; roleArn: string; stsEndpoint: string | null }
  | { method: "access-key"; accessKeyId: string; secretAccessKey: string };

/** The identity of a connection that callers may see. */
export interface ConnectionRef {
  id: string;
  name: string;
  method: AppConnectionMethod;
  projectId: string | null;
  orgId: string;
}

export interface ConnectionCredentials {
  credentials: AwsCredentials;
  /** The region of the connection's STS endpoint, when it names one. */
  region?: string;
  /** The connection's STS endpoint, when it has one (core.aws lets the operator's override win). */
  stsEndpoint?: string;
  connection: ConnectionRef;
}

/** A connection as the base of a lease's own STS session (temporary credentials). */
export type ConnectionLeaseSession =
  | {
      kind: "assume-role";
      roleArn: string;
      caller: string;
      chained: boolean;
      assume(params: {
        sessionName: string;
        durationSeconds: number;
        extra?: Omit<AssumeRoleCommandInput, "RoleArn" | "RoleSessionName" | "ExternalId" | "DurationSeconds">;
      }): Promise<AssumedSession>;
    }
  | { kind: "token"; sts: STSClient; caller: string };

/** What services.appConnections offers other modules (the contract with dynamic secrets). */
export interface ConnectionCredentialSource {
  credentialsFor(
    ctx: RequestContext | SystemContext,
    connectionId: string,
    use: { projectId: string },
  ): Promise<ConnectionCredentials>;
  /** An assume-role connection assumes its role for the lease (its External ID); an access-key one signs tokens. */
  leaseSessionFor(
    ctx: RequestContext | SystemContext,
    connectionId: string,
    use: { projectId: string },
  ): Promise<ConnectionLeaseSession>;
}

export const SESSION_DURATION_SECONDS = 60 * 60;

/** The RoleSessionName shows up in the customer's CloudTrail: it names Leasehold and the connection. */
const roleSessionNameFor = (connectionId: string) => `leasehold-${connectionId}`.slice(0, 64);

const FIELDS = {
  roleArn: ["credentials", "roleArn"],
  stsEndpoint: ["credentials", "stsEndpoint"],
  accessKeyId: ["credentials", "accessKeyId"],
  secretAccessKey: ["credentials", "secretAccessKey"],
};

const SERVER_CREDENTIALS_HINT =
  "Leasehold's own AWS credentials come from INF_APP_CONNECTION_AWS_ACCESS_KEY_ID and " +
  "INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY when both are set, " +
  "otherwise from the AWS SDK's default chain (an instance, task or pod role). The server's operator must fix them";

const scopeHintFor = (scope: { projectId: string | null }) =>
  scope.projectId
    ? "This connection belongs to a project, so its External ID is the project's ID"
    : "This connection belongs to the organization, so its External ID is the organization's ID";

export type ServerPrincipalStatus =
  | { configured: true; source: "environment" | "default-chain"; arn: string; account: string }
  | { configured: false; source: "environment" | "default-chain"; message: string };

/** A connection loaded for use: found in the actor's org, allowed for the project, secret decrypted. */
export type ConnectionLoader = (
  ctx: RequestContext | SystemContext,
  connectionId: string,
  use: { projectId: string },
) => Promise<{ connection: ConnectionRef & { version: number }; secrets: ConnectionSecrets }>;

export function createConnectionCredentialFactory(deps: {
  aws: AwsClients;
  env: Pick<Env, "AWS_REGION" | "INF_APP_CONNECTION_AWS_ACCESS_KEY_ID" | "INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY">;
  clock: Clock;
}) {
  const { aws, env, clock } = deps;
  const sessions = createSessionCache(clock, { max: 1000, lifetimeMs: SESSION_DURATION_SECONDS * 1000 });

  /** Both variables set: those keys; otherwise undefined, which core.aws turns into the default chain. */
  const serverCredentials = (): AwsCredentialIdentity | undefined =>
    env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID && env.INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID,
          secretAccessKey: env.INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY,
        }
      : undefined;
  const serverSource = (): "environment" | "default-chain" => (serverCredentials() ? "environment" : "default-chain");

  /** The region to sign for: the endpoint's own, us-east-1 for the global endpoint, else the server's. */
  function stsTarget(stsEndpoint: string | null) {
    const parsed = stsEndpoint ? parseStsEndpoint(stsEndpoint) : null;
    const endpoint = parsed?.ok ? parsed.endpoint : null;
    const region = endpoint ? (endpoint.kind === "global" ? "us-east-1" : endpoint.region) : undefined;
    const effectiveEndpoint = aws.endpoints.sts(endpoint?.url) ?? regionalStsEndpoint(env.AWS_REGION);
    return { endpoint: endpoint?.url, region, effectiveEndpoint };
  }

  async function serverPrincipal(): Promise<ServerPrincipalStatus> {
    const source = serverSource();
    if (
      !serverCredentials() &&
      (env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID || env.INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY)
    ) {
      return {
        configured: false,
        source,
        message:
          "Only one of INF_APP_CONNECTION_AWS_ACCESS_KEY_ID and INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY is set: " +
          "set both, or neither to use the AWS SDK's default chain.",
      };
    }
    try {
      const identity = await aws.callerIdentity({ credentials: serverCredentials() });
      return { configured: true, source, arn: identity.arn, account: identity.account };
    } catch (error) {
      const translated = translateAwsError(error, {
        action: "sts:GetCallerIdentity",
        caller: "Leasehold's AWS principal",
        ...(env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID ? { accessKeyId: env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID } : {}),
        endpoint: stsTarget(null).effectiveEndpoint,
      });
      return { configured: false, source, message: translated.message };
    }
  }

  /** AssumeRole as the server's principal, with the scope's External ID. Errors are translated. */
  async function assumeRoleWithExternalId(input: {
    connectionId: string;
    roleArn: string;
    stsEndpoint: string | null;
    externalId: string;
    scopeHint: string;
    forForm: boolean;
    /** A lease's own session (temporary credentials): its name, duration and what else STS takes. */
    sessionName?: string;
    durationSeconds?: number;
    extra?: Omit<AssumeRoleCommandInput, "RoleArn" | "RoleSessionName" | "ExternalId" | "DurationSeconds">;
  }) {
    const target = stsTarget(input.stsEndpoint);
    const sts = aws.sts({ credentials: serverCredentials(), endpoint: target.endpoint, region: target.region });
    try {
      return await assumeRole(sts, {
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName ?? roleSessionNameFor(input.connectionId),
        ExternalId: input.externalId,
        DurationSeconds: input.durationSeconds ?? SESSION_DURATION_SECONDS,
        ...input.extra,
      });
    } catch (error) {
      const principal = await serverPrincipal();
      throw translateAwsError(error, {
        action: "sts:AssumeRole",
        caller: principal.configured ? `Leasehold's AWS principal ${principal.arn}` : "Leasehold's AWS principal",
        resource: input.roleArn,
        externalId: input.externalId,
        endpoint: target.effectiveEndpoint,
        ...(env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID ? { accessKeyId: env.INF_APP_CONNECTION_AWS_ACCESS_KEY_ID } : {}),
        hints: {
          "access-denied": input.scopeHint,
          "invalid-credentials": SERVER_CREDENTIALS_HINT,
          "signature-mismatch": SERVER_CREDENTIALS_HINT,
          "no-credentials": SERVER_CREDENTIALS_HINT,
          "expired-credentials": SERVER_CREDENTIALS_HINT,
        },
        ...(input.forForm
          ? {
              fields: endpointFields(input.stsEndpoint, {
                "access-denied": FIELDS.roleArn,
                "invalid-input": FIELDS.roleArn,
                "not-found": FIELDS.roleArn,
              }),
            }
          : {}),
      });
    }
  }

  /** Blame the STS endpoint field for network and region trouble only when the person chose one. */
  function endpointFields(stsEndpoint: string | null, rest: AwsCallContext["fields"]): AwsCallContext["fields"] {
    return stsEndpoint
      ? { ...rest, region: FIELDS.stsEndpoint, unavailable: FIELDS.stsEndpoint, timeout: FIELDS.stsEndpoint }
      : rest;
  }

  /**
   * Proves a connection works: AssumeRole (for assume-role), then GetCallerIdentity with
   * the resulting credentials. Returns the ARN AWS vouches for; throws a translated 4xx/5xx.
   */
  async function validate(
    scope: { connectionId: string; orgId: string; projectId: string | null },
    secrets: ConnectionSecrets,
  ): Promise<{ identityArn: string }> {
    let credentials: AwsCredentialIdentity;
    let stsEndpoint: string | null = null;
    if (secrets.method === "assume-role") {
      stsEndpoint = secrets.stsEndpoint;
      const assumed = await assumeRoleWithExternalId({
        connectionId: scope.connectionId,
        roleArn: secrets.roleArn,
        stsEndpoint,
        externalId: externalIdForScope(scope),
        scopeHint: scopeHintFor(scope),
        forForm: true,
      });
      credentials = assumed.credentials;
    } else {
      credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
    }
    const target = stsTarget(stsEndpoint);
    try {
      const identity = await aws
        .sts({ credentials, endpoint: target.endpoint, region: target.region })
        .send(new GetCallerIdentityCommand({}));
      if (!identity.Arn) throw new Error("GetCallerIdentity answered without an ARN");
      return { identityArn: identity.Arn };
    } catch (error) {
      const byKey = secrets.method === "access-key";
      throw translateAwsError(error, {
        action: "sts:GetCallerIdentity",
        caller: byKey ? `The access key ${secrets.accessKeyId}` : `The session of ${secrets.roleArn}`,
        endpoint: target.effectiveEndpoint,
        ...(byKey ? { accessKeyId: secrets.accessKeyId } : {}),
        fields: endpointFields(
          stsEndpoint,
          byKey
            ? {
                "invalid-credentials": FIELDS.accessKeyId,
                "expired-credentials": FIELDS.accessKeyId,
                "access-denied": FIELDS.accessKeyId,
                "signature-mismatch": FIELDS.secretAccessKey,
              }
            : {},
        ),
      });
    }
  }

  /** AssumeRole into a loaded connection's role with its scope's External ID: its own session, or a lease's. */
  function assumeConnectionRole(
    connection: ConnectionRef,
    secrets: Extract<ConnectionSecrets, { method: "assume-role" }>,
    session?: Parameters<Extract<ConnectionLeaseSession, { kind: "assume-role" }>["assume"]>[0],
  ) {
    return assumeRoleWithExternalId({
      connectionId: connection.id,
      roleArn: secrets.roleArn,
      stsEndpoint: secrets.stsEndpoint,
      externalId: externalIdForScope(connection),
      scopeHint: scopeHintFor(connection),
      forForm: false,
      ...(session?.sessionName ? { sessionName: session.sessionName } : {}),
      ...(session?.durationSeconds ? { durationSeconds: session.durationSeconds } : {}),
      ...(session?.extra ? { extra: session.extra } : {}),
    });
  }

  /**
   * Assumed sessions are cached per connection version until shortly before they expire;
   * concurrent callers share one AssumeRole.
   */
  function sessionFor(
    connection: ConnectionRef & { version: number },
    secrets: Extract<ConnectionSecrets, { method: "assume-role" }>,
  ) {
    return sessions.get(`${connection.id}:${connection.version}`, async () => {
      const assumed = await assumeConnectionRole(connection, secrets);
      return assumed.credentials;
    });
  }

  /** Credentials for a loaded, authorised connection. */
  async function credentialsOf(
    connection: ConnectionRef & { version: number },
    secrets: ConnectionSecrets,
  ): Promise<ConnectionCredentials> {
    const ref: ConnectionRef = {
      id: connection.id,
      name: connection.name,
      method: connection.method,
      projectId: connection.projectId,
      orgId: connection.orgId,
    };
    if (secrets.method === "access-key") {
      return {
        credentials: { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey },
        connection: ref,
      };
    }
    const credentials = await sessionFor(connection, secrets);
    const target = stsTarget(secrets.stsEndpoint);
    return {
      credentials,
      ...(target.region ? { region: target.region } : {}),
      ...(target.endpoint ? { stsEndpoint: target.endpoint } : {}),
      connection: ref,
    };
  }

  return {
    serverCredentials,
    serverPrincipal,
    validate,
    credentialsOf,
    /**
     * The contract with other modules: `load` finds the connection in ctx.actor.orgId (404
     * otherwise) and checks that `use.projectId` may use it; then assume-role connections
     * get an AssumeRole session (External ID = project ID or org ID, as at validation) and
     * access-key connections their stored keys.
     */
    credentialSource(load: ConnectionLoader): ConnectionCredentialSource {
      return {
        async credentialsFor(ctx, connectionId, use) {
          const { connection, secrets } = await load(ctx, connectionId, use);
          return credentialsOf(connection, secrets);
        },
        async leaseSessionFor(ctx, connectionId, use) {
          const { connection, secrets } = await load(ctx, connectionId, use);
          const caller = `The App Connection "${connection.name}"`;
          if (secrets.method === "access-key") {
            const credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
            return { kind: "token", sts: aws.sts({ credentials }), caller };
          }
          const base =
            serverCredentials() ??
            (await aws
              .sts({})
              .config.credentials()
              .catch(() => undefined));
          return {
            kind: "assume-role",
            roleArn: secrets.roleArn,
            caller,
            chained: Boolean(base?.sessionToken),
            assume: (session) => assumeConnectionRole(connection, secrets, session),
          };
        },
      };
    },
    /** Forgets a connection's cached session (after a credential change or a delete). */
    evict(connectionId: string) {
      sessions.evict(`${connectionId}:`);
    },
  };
}
export type ConnectionCredentialFactory = ReturnType<typeof createConnectionCredentialFactory>;
