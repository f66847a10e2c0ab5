import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Env } from "../../env.ts";
import { awsErrorOutcome, type Metrics } from "../metrics/metrics.ts";

export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface AwsClientOptions {
  region?: string | undefined;
  credentials?: AwsCredentials | undefined;
  /** A validated endpoint chosen by a person (e.g. an STS VPC endpoint); the operator's override wins. */
  endpoint?: string | undefined;
}

/**
 * The one place AWS SDK clients are built. The operator's AWS_ENDPOINT_URL(_STS|_IAM)
 * overrides every endpoint (tests point it at moto; private networks at a proxy), and
 * every client has bounded timeouts and adaptive retry, so throttling is absorbed.
 */
export function createAwsClients(
  env: Pick<Env, "AWS_REGION" | "AWS_ENDPOINT_URL" | "AWS_ENDPOINT_URL_STS" | "AWS_ENDPOINT_URL_IAM">,
  metrics?: Metrics,
) {
  const requestHandler = new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 10_000 });
  const common = (options: AwsClientOptions) => ({
    region: options.region ?? env.AWS_REGION,
    credentials: options.credentials ?? fromNodeProviderChain(),
    requestHandler,
    retryMode: "adaptive" as const,
    maxAttempts: 4,
  });

  /**
   * Counts and times every call at the initialize step, so one call is one observation
   * whatever the SDK retried underneath; the outcome is a class, never the error text.
   */
  function instrument<Client extends STSClient | IAMClient>(client: Client, service: "sts" | "iam"): Client {
    if (!metrics) return client;
    (client.middlewareStack as STSClient["middlewareStack"]).add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? "unknown").replace(/Command$/, "");
        const started = performance.now();
        let outcome = "success";
        try {
          return await next(args);
        } catch (error) {
          outcome = awsErrorOutcome(error);
          throw error;
        } finally {
          metrics.awsCalls.inc({ service, operation, outcome });
          metrics.awsCallSeconds.observe({ service, operation }, (performance.now() - started) / 1000);
        }
      },
      { step: "initialize", name: "leaseholdMetrics" },
    );
    return client;
  }

  const endpoints = {
    sts: (explicit?: string) => env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? explicit,
    iam: (explicit?: string) => env.AWS_ENDPOINT_URL_IAM ?? env.AWS_ENDPOINT_URL ?? explicit,
  };

  return {
    endpoints,
    sts(options: AwsClientOptions = {}) {
      const endpoint = endpoints.sts(options.endpoint);
      return instrument(new STSClient({ ...common(options), ...(endpoint ? { endpoint } : {}) }), "sts");
    },
    iam(options: AwsClientOptions = {}) {
      const endpoint = endpoints.iam(options.endpoint);
      return instrument(new IAMClient({ ...common(options), ...(endpoint ? { endpoint } : {}) }), "iam");
    },
    /** Who the given (or the server's default) credentials belong to. */
    async callerIdentity(options: AwsClientOptions = {}) {
      const result = await this.sts(options).send(new GetCallerIdentityCommand({}));
      return { arn: result.Arn!, account: result.Account!, userId: result.UserId! };
    },
  };
}
export type AwsClients = ReturnType<typeof createAwsClients>;
