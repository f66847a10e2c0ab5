// Real AWS SDK errors, produced by injecting faults at the recording proxy in front of
// moto, translated into words a person can act on, with the right status and field.

import { randomUUID } from "node:crypto";
import { CreateUserCommand, GetUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTestGround } from "../../../test/ground/index.ts";
import { freePort } from "../../../test/ground/processes.ts";
import { type AwsProxy, type Fault, startAwsProxy } from "../../../test/proxy/aws-proxy.ts";
import { AppError } from "../http/errors.ts";
import { createAwsClients } from "./clients.ts";
import { classifyAwsError, translateAwsError } from "./translate-error.ts";

const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "testing" };
let proxy: AwsProxy;
let aws: ReturnType<typeof createAwsClients>;

beforeAll(async () => {
  proxy = await startAwsProxy({ target: getTestGround().motoUrl });
  aws = createAwsClients({
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ENDPOINT_URL_STS: undefined,
    AWS_ENDPOINT_URL_IAM: undefined,
  });
});
beforeEach(() => proxy.reset());
afterAll(() => proxy.stop());

async function failureOf(fault: Fault) {
  // Every attempt gets the fault (the SDK retries some), so nothing reaches moto.
  proxy.inject({ action: "CreateUser", fault, times: Infinity });
  try {
    await aws
      .iam({ credentials })
      .send(new CreateUserCommand({ UserName: `lh-translate-${randomUUID().slice(0, 8)}` }));
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

const context = {
  action: "iam:CreateUser",
  caller: "The connection's role session",
  resource: "the new user",
  fields: {
    "access-denied": ["provider", "inputs", "roleArn"],
    "invalid-input": ["provider", "inputs", "policyDocument"],
  },
};

describe("translating AWS errors", () => {
  it("AccessDenied on an IAM call names the caller, the action and what to add, on the blamed field", async () => {
    const error = translateAwsError(await failureOf({ kind: "aws-error", code: "AccessDenied", status: 403 }), context);
    expect(error).toMatchObject({ status: 400, code: "aws_access_denied" });
    expect(error.message).toBe(
      "The connection's role session is not allowed to call iam:CreateUser on the new user (AccessDenied). " +
        "Add iam:CreateUser to its IAM policy, and check any permissions boundary or service control policy.",
    );
    expect(error.extra.issues).toEqual([expect.objectContaining({ path: ["provider", "inputs", "roleArn"] })]);
    expect(error.extra.details).toMatchObject({
      awsErrorCode: "AccessDenied",
      retryable: false,
      field: "provider.inputs.roleArn",
      awsRequestId: expect.any(String),
    });
  });

  it("throttling that outlasts the SDK's retries is a retryable 503", async () => {
    const raw = await failureOf({ kind: "aws-error", code: "Throttling", status: 400, message: "Rate exceeded" });
    expect(proxy.calls("CreateUser").length).toBeGreaterThan(1); // the SDK retried first
    const error = translateAwsError(raw, context);
    expect(error).toMatchObject({
      status: 503,
      code: "aws_throttled",
      extra: { details: expect.objectContaining({ retryable: true }) },
    });
  });

  it("a 5xx from AWS and a dropped connection are retryable 502s naming the endpoint", async () => {
    for (const fault of [{ kind: "http-error", status: 503 }, { kind: "drop" }] as Fault[]) {
      proxy.reset();
      const error = translateAwsError(await failureOf(fault), { ...context, endpoint: proxy.url });
      expect(error).toMatchObject({ status: 502, code: "aws_unavailable" });
      expect(error.message).toContain(`at ${proxy.url}`);
      expect(error.extra.details).toMatchObject({ retryable: true });
    }
  });

  it("an endpoint nobody listens on is a 502 naming it", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const dead = createAwsClients({
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: closed,
      AWS_ENDPOINT_URL_STS: undefined,
      AWS_ENDPOINT_URL_IAM: undefined,
    });
    const raw = await dead
      .sts({ credentials })
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e);
    const error = translateAwsError(raw, {
      action: "sts:GetCallerIdentity",
      endpoint: closed,
      fields: { unavailable: ["credentials", "stsEndpoint"] },
    });
    expect(error).toMatchObject({ status: 502, code: "aws_unavailable" });
    expect(error.message).toContain(closed);
    expect(error.extra.issues?.[0]?.path).toEqual(["credentials", "stsEndpoint"]);
  });

  it("maps missing entities, conflicts, limits and bad input to 404, 409 and 400", async () => {
    const cases: [string, number, number, string][] = [
      ["NoSuchEntity", 404, 404, "aws_not_found"],
      ["EntityAlreadyExists", 409, 409, "aws_conflict"],
      ["DeleteConflict", 409, 409, "aws_conflict"],
      ["LimitExceeded", 409, 409, "aws_limit_exceeded"],
      ["MalformedPolicyDocument", 400, 400, "aws_invalid_input"],
    ];
    for (const [code, awsStatus, status, reasonCode] of cases) {
      proxy.reset();
      const error = translateAwsError(
        await failureOf({ kind: "aws-error", code, status: awsStatus, message: `${code} happened` }),
        context,
      );
      expect(error, code).toMatchObject({ status, code: reasonCode });
    }
    proxy.reset();
    const malformed = translateAwsError(
      await failureOf({ kind: "aws-error", code: "MalformedPolicyDocument", message: "Syntax errors in policy." }),
      context,
    );
    expect(malformed.message).toContain("Syntax errors in policy.");
    expect(malformed.extra.issues?.[0]?.path).toEqual(["provider", "inputs", "policyDocument"]);
  });

  it("tells a region problem from a bad secret, and unknown keys from both", async () => {
    const region = await failureOf({
      kind: "aws-error",
      code: "SignatureDoesNotMatch",
      status: 403,
      message: "Credential should be scoped to a valid region.",
    });
    expect(classifyAwsError(region)).toBe("region");
    proxy.reset();
    const secret = await failureOf({
      kind: "aws-error",
      code: "SignatureDoesNotMatch",
      status: 403,
      message: "The request signature we calculated does not match",
    });
    expect(classifyAwsError(secret)).toBe("signature-mismatch");
    proxy.reset();
    const disabled = await failureOf({
      kind: "aws-error",
      code: "RegionDisabledException",
      status: 403,
      message: "STS is not activated in this region for account:123456789012.",
    });
    expect(
      translateAwsError(disabled, { ...context, endpoint: "https://sts.me-south-1.amazonaws.com/" }).message,
    ).toMatch(
      /^The AWS region or endpoint does not fit this call \(RegionDisabledException\) at https:\/\/sts\.me-south-1/,
    );
    proxy.reset();
    const unknown = translateAwsError(
      await failureOf({ kind: "aws-error", code: "InvalidClientTokenId", status: 403 }),
      { ...context, accessKeyId: credentials.accessKeyId },
    );
    expect(unknown).toMatchObject({ status: 400, code: "aws_invalid_credentials" });
    expect(unknown.message).toContain(credentials.accessKeyId);
  });

  it("explains missing credentials with the caller's hint", () => {
    // The shape of the SDK's CredentialsProviderError when the default chain finds nothing.
    const missing = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
      tryNextLink: false,
    });
    const error = translateAwsError(missing, {
      action: "sts:AssumeRole",
      caller: "Leasehold's AWS principal",
      hints: { "no-credentials": "Set INF_APP_CONNECTION_AWS_ACCESS_KEY_ID" },
    });
    expect(error).toMatchObject({ status: 400, code: "aws_no_credentials" });
    expect(error.message).toContain("Set INF_APP_CONNECTION_AWS_ACCESS_KEY_ID.");
  });

  it("passes an AppError through, and never answers 500 for an unknown AWS refusal", async () => {
    const app = new AppError(403, "forbidden", "no");
    expect(translateAwsError(app, context)).toBe(app);
    const error = translateAwsError(
      await failureOf({ kind: "aws-error", code: "SomethingNew", status: 400, message: "a new kind of refusal" }),
      context,
    );
    expect(error.status).toBeLessThan(500);
    expect(error.message).toContain("SomethingNew");
    expect(error.message).toContain("a new kind of refusal");
  });

  it("records the injected calls, so fault tests can count them", async () => {
    proxy.inject({ action: "GetUser", occurrence: 2, fault: { kind: "aws-error", code: "NoSuchEntity", status: 404 } });
    const iam = aws.iam({ credentials });
    await iam.send(new GetUserCommand({})).catch(() => undefined);
    const second = await iam.send(new GetUserCommand({})).catch((e: unknown) => e);
    expect(classifyAwsError(second)).toBe("not-found");
    expect(proxy.calls("GetUser").map((r) => r.outcome.kind)).toEqual(["forwarded", "injected"]);
  });
});
