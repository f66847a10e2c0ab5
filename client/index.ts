// The Node entry point: the browser-safe core, plus login({ aws }) signing with the AWS SDK's
// default credential chain. The dashboard imports client/core/index.ts instead.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { LeaseholdClient as CoreClient, type LeaseholdClientOptions } from "./core/leasehold-client.ts";
import { signAwsLogin } from "./node/aws-signer.ts";

export * from "./core/index.ts";
export { GET_CALLER_IDENTITY_BODY, signAwsLogin } from "./node/aws-signer.ts";

export interface NodeClientOptions extends LeaseholdClientOptions {
  /** Credentials to sign logins with; the SDK default chain when absent. */
  awsCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export class LeaseholdClient extends CoreClient {
  constructor(options: NodeClientOptions = {}) {
    const { awsCredentials, ...rest } = options;
    super({
      awsSigner: (sign) => signAwsLogin({ ...sign, ...(awsCredentials ? { credentials: awsCredentials } : {}) }),
      ...rest,
    });
  }
}
