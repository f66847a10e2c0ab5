import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Env } from "../../env.ts";

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
) {
  const requestHandler = new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 10_000 });
  const common = (options: AwsClientOptions) => ({
    region: options.region ?? env.AWS_REGION,
    credentials: options.credentials ?? fromNodeProviderChain(),
    requestHandler,
    retryMode: "adaptive" as const,
    maxAttempts: 4,
  });

  const endpoints = {
    sts: (explicit?: string) => env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? explicit,
    iam: (explicit?: string) => env.AWS_ENDPOINT_URL_IAM ?? env.AWS_ENDPOINT_URL ?? explicit,
  };

  return {
    endpoints,
    sts(options: AwsClientOptions = {}) {
      const endpoint = endpoints.sts(options.endpoint);
      return new STSClient({ ...common(options), ...(endpoint ? { endpoint } : {}) });
    },
    iam(options: AwsClientOptions = {}) {
      const endpoint = endpoints.iam(options.endpoint);
      return new IAMClient({ ...common(options), ...(endpoint ? { endpoint } : {}) });
    },
    /** Who the given (or the server's default) credentials belong to. */
    async callerIdentity(options: AwsClientOptions = {}) {
      const result = await this.sts(options).send(new GetCallerIdentityCommand({}));
      return { arn: result.Arn!, account: result.Account!, userId: result.UserId! };
    },
  };
}
export type AwsClients = ReturnType<typeof createAwsClients>;
