import { describe, expect, it } from "vitest";
import {
  accessKeyIdSchema,
  accessKeyIdWarning,
  createAppConnectionInputSchema,
  roleArnSchema,
  stsEndpointInputSchema,
} from "./app-connections.ts";

describe("app connection input", () => {
  it("accepts both methods and Infisical's secretKey alias", () => {
    expect(
      createAppConnectionInputSchema.safeParse({
        name: "prod",
        method: "assume-role",
        credentials: { roleArn: "arn:aws:iam::123456789012:role/x" },
      }).success,
    ).toBe(true);
    expect(
      createAppConnectionInputSchema.safeParse({
        name: "prod",
        method: "access-key",
        credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey: "s3cr3t" },
      }).success,
    ).toBe(true);
  });

  it("reports problems on the credential fields themselves", () => {
    const result = createAppConnectionInputSchema.safeParse({
      name: "prod",
      method: "assume-role",
      credentials: { roleArn: "arn:aws:iam::123456789012:user/x", stsEndpoint: "http://sts.amazonaws.com" },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual([
      "credentials.roleArn",
      "credentials.stsEndpoint",
    ]);
  });

  it("takes role ARNs in every partition, with paths", () => {
    for (const arn of [
      "arn:aws:iam::123456789012:role/x",
      "arn:aws-cn:iam::123456789012:role/a/b/x",
      "arn:aws-us-gov:iam::123456789012:role/x",
    ]) {
      expect(roleArnSchema.safeParse(arn).success, arn).toBe(true);
    }
    for (const arn of [
      "arn:aws:iam::123456789012:root",
      "arn:aws:sts::123456789012:assumed-role/x/s",
      "arn:aws:iam::12345:role/x",
      "role/x",
    ]) {
      expect(roleArnSchema.safeParse(arn).success, arn).toBe(false);
    }
  });

  it("leaves an empty STS endpoint as unset and refuses anything that is not an AWS STS host", () => {
    expect(stsEndpointInputSchema.safeParse("").success).toBe(true);
    expect(stsEndpointInputSchema.safeParse("https://sts.us-gov-west-1.amazonaws.com").success).toBe(true);
    expect(stsEndpointInputSchema.safeParse("https://vpce-0abc123-xyz.sts.eu-west-1.vpce.amazonaws.com").success).toBe(
      true,
    );
    for (const bad of [
      "https://sts.amazonaws.com@evil.example",
      "https://10.0.0.1",
      "https://sts.nowhere-1.amazonaws.com",
      "ftp://sts.amazonaws.com",
    ]) {
      expect(stsEndpointInputSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("accepts any access key ID Infisical accepts, refuses what can never work, and warns about AWS's format", () => {
    for (const key of ["AKIAIOSFODNN7EXAMPLE", "test", "akiaiosfodnn7example", "AKIA"]) {
      expect(accessKeyIdSchema.safeParse(key).success, key).toBe(true);
    }
    expect(accessKeyIdSchema.safeParse("ASIAIOSFODNN7EXAMPLE").error?.issues[0]?.message).toMatch(/temporary/);
    expect(accessKeyIdSchema.safeParse("  ").error?.issues[0]?.message).toBe("Enter the access key ID");
    expect(accessKeyIdSchema.safeParse("AKIA IOSFODNN7").error?.issues[0]?.message).toMatch(/no spaces/);
    expect(accessKeyIdSchema.safeParse("A".repeat(129)).success).toBe(false);
    // It is sent in the SigV4 Authorization header: a character a header cannot carry is a 400, never a 502.
    expect(accessKeyIdSchema.safeParse("test\u00b1").success).toBe(false);
    expect(accessKeyIdSchema.safeParse("te\u0005st").success).toBe(false);
    expect(accessKeyIdWarning("AKIAIOSFODNN7EXAMPLE")).toBeNull();
    expect(accessKeyIdWarning("")).toBeNull();
    expect(accessKeyIdWarning("test")).toMatch(/16 to 128 capital letters/);
    expect(accessKeyIdWarning("akiaiosfodnn7example")).toMatch(/emulator/);
  });
});
