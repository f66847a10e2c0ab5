// Test and benchmark support: where moto falls short of IAM, the recording proxy answers
// as AWS would. Used by the integration tests and bench/lease.mjs.
import type { AwsProxy } from "../../../test/proxy/aws-proxy.ts";

/**
 * moto does not implement ListServiceSpecificCredentials (it answers a bare 500), which
 * real IAM answers for every user. The proxy answers it as AWS does for a user without
 * such credentials; moto cannot create any, so that answer is always the true one.
 */
export function answerServiceSpecificCredentialsLikeAws(proxy: AwsProxy) {
  return proxy.inject({
    action: "ListServiceSpecificCredentials",
    times: Infinity,
    fault: {
      kind: "http-error",
      status: 200,
      body:
        '<ListServiceSpecificCredentialsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
        "<ListServiceSpecificCredentialsResult><ServiceSpecificCredentials/></ListServiceSpecificCredentialsResult>" +
        "<ResponseMetadata><RequestId>proxy</RequestId></ResponseMetadata></ListServiceSpecificCredentialsResponse>",
    },
  });
}
