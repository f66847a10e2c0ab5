import { describe, expect, it } from "vitest";
import { getTestGround } from "../../../test/ground/index.ts";
import { loadEnv } from "../../env.ts";
import { createAwsClients } from "./clients.ts";

describe("AWS client factory", () => {
  it("calls STS GetCallerIdentity over HTTP through AWS_ENDPOINT_URL", async () => {
    const aws = createAwsClients(loadEnv({ AWS_ENDPOINT_URL: getTestGround().motoUrl, AWS_REGION: "us-east-1" }));
    const identity = await aws.callerIdentity({
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    });
    expect(identity.account).toBe("123456789012");
    expect(identity.arn).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
  });

  it("lets the operator's endpoint override a chosen one", () => {
    const aws = createAwsClients(loadEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:1" }));
    expect(aws.endpoints.sts("https://sts.eu-west-1.amazonaws.com/")).toBe("http://127.0.0.1:1");
    const plain = createAwsClients(loadEnv({}));
    expect(plain.endpoints.sts("https://sts.eu-west-1.amazonaws.com/")).toBe("https://sts.eu-west-1.amazonaws.com/");
  });
});
