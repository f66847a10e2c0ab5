import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  globMatch,
  isPolicyArn,
  parseArn,
  parseIamPrincipalArn,
  principalMatches,
  roleArnOf,
  splitCommaList,
  validateAllowedPrincipalEntry,
} from "./arn.ts";

describe("parseIamPrincipalArn", () => {
  it("keeps a user's path", () => {
    expect(parseIamPrincipalArn("arn:aws:iam::123456789012:user/ci/deploy/builder")).toMatchObject({
      kind: "user",
      account: "123456789012",
      path: "/ci/deploy/",
      name: "builder",
      partition: "aws",
    });
  });
  it("parses roles, assumed roles and roots in every partition", () => {
    expect(parseIamPrincipalArn("arn:aws-us-gov:iam::123456789012:role/App")).toMatchObject({
      kind: "role",
      partition: "aws-us-gov",
      path: "/",
    });
    expect(parseIamPrincipalArn("arn:aws-cn:sts::123456789012:assumed-role/App/i-0abc")).toMatchObject({
      kind: "assumed-role",
      roleName: "App",
      sessionName: "i-0abc",
    });
    expect(parseIamPrincipalArn("arn:aws:iam::123456789012:root")).toMatchObject({ kind: "root" });
  });
  it.each([
    "arn:aws:iam::12345678901:user/short-account",
    "arn:aws:iam:us-east-1:123456789012:user/regional",
    "arn:aws-mars:iam::123456789012:user/x",
    "arn:aws:s3:::bucket",
    "arn:aws:iam::123456789012:group/Admins",
    "arn:aws:iam::123456789012:user/",
    "arn:aws:iam::123456789012:user/has space",
    "arn:aws:sts::123456789012:assumed-role/OnlyRole",
    "not an arn",
  ])("refuses %s", (value) => expect(parseIamPrincipalArn(value)).toBeNull());
});

describe("principalMatches", () => {
  const assumed = parseIamPrincipalArn("arn:aws:sts::123456789012:assumed-role/lambda-exec/my-fn")!;
  it("matches an assumed role by its role ARN and by its session ARN", () => {
    expect(roleArnOf(assumed)).toBe("arn:aws:iam::123456789012:role/lambda-exec");
    expect(principalMatches("arn:aws:iam::123456789012:role/lambda-exec", assumed)).toBe(true);
    expect(principalMatches(assumed.arn, assumed)).toBe(true);
    expect(principalMatches("arn:aws:iam::123456789012:role/other", assumed)).toBe(false);
  });
  it("matches globs", () => {
    expect(principalMatches("arn:aws:iam::123456789012:*", assumed)).toBe(true);
    expect(principalMatches("arn:aws:iam::123456789012:role/lambda-*", assumed)).toBe(true);
    expect(principalMatches("arn:aws:iam::999999999999:*", assumed)).toBe(false);
  });
  it("matches a user only with its path", () => {
    const user = parseIamPrincipalArn("arn:aws:iam::123456789012:user/ci/builder")!;
    expect(principalMatches("arn:aws:iam::123456789012:user/ci/builder", user)).toBe(true);
    expect(principalMatches("arn:aws:iam::123456789012:user/builder", user)).toBe(false);
  });
});

describe("globMatch", () => {
  it("treats regex characters literally", () => {
    expect(globMatch("arn:aws:iam::1.3:*", "arn:aws:iam::123:role/x")).toBe(false);
    expect(globMatch("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!")).toBe(false);
    expect(globMatch("a.c", "abc")).toBe(false);
  });
  it("agrees with a reference implementation on random inputs", () => {
    const reference = (pattern: string, value: string) =>
      new RegExp(
        `^${pattern
          .split("*")
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
        "s",
      ).test(value);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "*", ".", "/") }),
        fc.string({ unit: fc.constantFrom("a", "b", ".", "/") }),
        (pattern, value) => {
          expect(globMatch(pattern, value)).toBe(reference(pattern, value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("validateAllowedPrincipalEntry", () => {
  it.each([
    ["arn:aws:iam::123456789012:user/MyUserName", null],
    ["arn:aws:iam::123456789012:role/MyRoleName", null],
    ["arn:aws:sts::123456789012:assumed-role/MyRoleName/session", null],
    ["arn:aws:iam::123456789012:*", null],
  ])("accepts %s", (entry, result) => expect(validateAllowedPrincipalEntry(entry)).toBe(result));
  it.each([
    ["*", /must start with/],
    ["arn:aws:iam::*", /must start with/],
    ["arn:aws:iam::123456789012:root", /root/],
    ["arn:aws:iam::123456789012:group/x", /not the ARN/],
  ])("refuses %s", (entry, message) => expect(validateAllowedPrincipalEntry(entry)).toMatch(message));
});

describe("policy ARNs and lists", () => {
  it("recognises AWS-managed and customer-managed policy ARNs", () => {
    expect(isPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(isPolicyArn("arn:aws:iam::123456789012:policy/team/Boundary")).toBe(true);
    expect(isPolicyArn("arn:aws:iam::123456789012:role/NotAPolicy")).toBe(false);
    expect(parseArn("arn:aws:iam::aws:policy/x")?.account).toBe("aws");
  });
  it("trims comma lists", () => {
    expect(splitCommaList(" a, b ,,c ")).toEqual(["a", "b", "c"]);
    expect(splitCommaList(undefined)).toEqual([]);
  });
});
