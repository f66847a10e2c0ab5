// The Node entry point: the browser-safe core, plus login({ aws }) signing with the AWS SDK's
// default credential chain. The dashboard imports client/core/index.ts instead.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { LeaseholdClient as CoreClient, type LeaseholdClientOptions } from "./core/leasehold-client.ts";

export * from "./core/index.ts";

export interface NodeClientOptions extends LeaseholdClientOptions {
  /** Credentials to sign logins with; the SDK default chain when absent. */
  awsCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export class LeaseholdClient extends CoreClient {
  constructor(options: NodeClientOptions = {}) {
    const { awsCredentials, ...rest } = options;
    super({
      // Loaded on first login only: the AWS SDK is most of the CLI's start-up time, and a
      // credential_process call served from the cache never signs anything.
      awsSigner: async (sign) => {
        const { signAwsLogin } = await import("./node/aws-signer.ts");
        return signAwsLogin({ ...sign, ...(awsCredentials ? { credentials: awsCredentials } : {}) });
      },
      ...rest,
    });
  }
}
