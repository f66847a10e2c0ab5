import { describe, expect, it } from "vitest";
import { formatDurationForApi, parseDuration } from "#shared/durations.ts";
import { awsAuthFormSchema, newAwsAuthFormValues } from "#web/features/identities/components/aws-auth-form-schema.ts";

const valid = { ...newAwsAuthFormValues, allowedAccountIds: "123456789012", serverIdHeader: true };
const paths = (input: object) => {
  const result = awsAuthFormSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("the AWS Auth form schema", () => {
  it("asks which client will log in instead of binding logins to this server by default", () => {
    expect(newAwsAuthFormValues.serverIdHeader).toBeUndefined();
    expect(paths({ ...valid, serverIdHeader: undefined })).toEqual(["serverIdHeader"]);
    expect(awsAuthFormSchema.parse({ ...valid, serverIdHeader: false }).serverIdHeader).toBe(false);
  });

  it("turns text into what the API takes: seconds and comma lists", () => {
    const parsed = awsAuthFormSchema.parse({
      ...valid,
      allowedPrincipalArns: " arn:aws:iam::123456789012:role/app\n\narn:aws:iam::123456789012:user/ops/alice ",
      allowedAccountIds: "123456789012\n210987654321",
      accessTokenTTL: "15m",
      accessTokenMaxTTL: "7d",
    });
    expect(parsed).toMatchObject({
      allowedPrincipalArns: "arn:aws:iam::123456789012:role/app,arn:aws:iam::123456789012:user/ops/alice",
      allowedAccountIds: "123456789012,210987654321",
      accessTokenTTL: 900,
      accessTokenMaxTTL: 604800,
      serverIdHeader: true,
    });
  });

  it("applies the API's own rules, beside the right fields", () => {
    expect(paths({ ...newAwsAuthFormValues })).toEqual(["allowedPrincipalArns", "allowedAccountIds", "serverIdHeader"]);
    expect(paths({ ...valid, accessTokenTTL: "2d", accessTokenMaxTTL: "1d" })).toEqual(["accessTokenTTL"]);
    expect(paths({ ...valid, accessTokenTTL: "soon" })).toEqual(["accessTokenTTL"]);
    expect(paths({ ...valid, allowedPrincipalArns: "arn:aws:iam::123456789012:root" })).toEqual([
      "allowedPrincipalArns",
    ]);
    expect(paths({ ...valid, accessTokenTrustedIps: [{ ipAddress: "10.1" }] })).toEqual([
      "accessTokenTrustedIps.0.ipAddress",
    ]);
    expect(paths({ ...valid, accessTokenNumUsesLimit: Number.NaN })).toEqual(["accessTokenNumUsesLimit"]);
  });

  it("shows stored TTLs as durations the field reads back", () => {
    for (const seconds of [0, 1, 59, 60, 5400, 3600, 86400, 2592000, 315360000]) {
      expect(parseDuration(formatDurationForApi(seconds))).toBe(seconds);
    }
    expect(formatDurationForApi(5400)).toBe("90m");
    expect(formatDurationForApi(2592000)).toBe("30d");
  });
});
