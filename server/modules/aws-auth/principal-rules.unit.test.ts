import { describe, expect, it } from "vitest";
import type { AppError } from "../../lib/http/errors.ts";
import { checkCallerAllowed, type PrincipalRules } from "./principal-rules.ts";

const caller = (arn: string) => ({ arn, account: arn.split(":")[4]!, userId: "AIDA" });
const verdict = (arn: string, rules: Partial<PrincipalRules>) => {
  try {
    checkCallerAllowed(caller(arn), { allowedPrincipalArns: "", allowedAccountIds: "", ...rules });
    return "allowed";
  } catch (error) {
    return (error as AppError).code;
  }
};

describe("checkCallerAllowed", () => {
  it("keeps a user's path: an exact entry with the path matches, one without it does not", () => {
    expect(
      verdict("arn:aws:iam::123456789012:user/ops/alice", {
        allowedPrincipalArns: "arn:aws:iam::123456789012:user/ops/alice",
      }),
    ).toBe("allowed");
    expect(
      verdict("arn:aws:iam::123456789012:user/ops/alice", {
        allowedPrincipalArns: "arn:aws:iam::123456789012:user/alice",
      }),
    ).toBe("principal_arn_not_allowed");
  });

  it("matches an assumed role as its role ARN in every partition", () => {
    for (const partition of ["aws", "aws-us-gov", "aws-cn"]) {
      const session = `arn:${partition}:sts::123456789012:assumed-role/app/i-0abc`;
      expect(verdict(session, { allowedPrincipalArns: `arn:${partition}:iam::123456789012:role/app` })).toBe("allowed");
      expect(verdict(session, { allowedPrincipalArns: `arn:aws-other:iam::123456789012:role/app` })).toBe(
        "principal_arn_not_allowed",
      );
    }
    expect(
      verdict("arn:aws:sts::123456789012:assumed-role/app/i-0abc", {
        allowedPrincipalArns: "arn:aws-cn:iam::123456789012:role/app",
      }),
    ).toBe("principal_arn_not_allowed");
  });

  it("treats * as a glob and nothing else as special", () => {
    expect(
      verdict("arn:aws:iam::123456789012:role/ci-deploy", {
        allowedPrincipalArns: "arn:aws:iam::123456789012:role/ci-*",
      }),
    ).toBe("allowed");
    expect(
      verdict("arn:aws:iam::123456789012:user/anyone", { allowedPrincipalArns: "arn:aws:iam::123456789012:*" }),
    ).toBe("allowed");
    expect(
      verdict("arn:aws:iam::123456789012:role/ciXdeploy", {
        allowedPrincipalArns: "arn:aws:iam::123456789012:role/ci.deploy",
      }),
    ).toBe("principal_arn_not_allowed");
    expect(
      verdict("arn:aws:iam::123456789012:role/a", { allowedPrincipalArns: "arn:aws:iam::123456789012:role/(a|b)" }),
    ).toBe("principal_arn_not_allowed");
  });

  it("refuses root principals whatever the lists say", () => {
    expect(verdict("arn:aws:iam::123456789012:root", { allowedAccountIds: "123456789012" })).toBe(
      "root_principal_not_supported",
    );
    expect(
      verdict("arn:aws-cn:iam::123456789012:root", { allowedPrincipalArns: "arn:aws-cn:iam::123456789012:*" }),
    ).toBe("root_principal_not_supported");
  });

  it("matches account IDs exactly, and requires both lists when both are set", () => {
    const arn = "arn:aws:iam::123456789012:user/bob";
    expect(verdict(arn, { allowedAccountIds: "12345678901" })).toBe("account_id_not_allowed");
    expect(verdict(arn, { allowedAccountIds: "210987654321,123456789012" })).toBe("allowed");
    expect(
      verdict(arn, { allowedAccountIds: "123456789012", allowedPrincipalArns: "arn:aws:iam::123456789012:user/carol" }),
    ).toBe("principal_arn_not_allowed");
    expect(verdict(arn, { allowedAccountIds: "999999999999", allowedPrincipalArns: arn })).toBe(
      "account_id_not_allowed",
    );
  });

  it("lets an ARN the parser does not model match only literally or by glob", () => {
    const federated = "arn:aws:sts::123456789012:federated-user/bob";
    expect(verdict(federated, { allowedAccountIds: "123456789012" })).toBe("allowed");
    expect(verdict(federated, { allowedPrincipalArns: "arn:aws:sts::123456789012:*" })).toBe("allowed");
    expect(verdict(federated, { allowedPrincipalArns: "arn:aws:iam::123456789012:user/bob" })).toBe(
      "principal_arn_not_allowed",
    );
  });

  it("refuses an answer whose ARN and account disagree", () => {
    expect(() =>
      checkCallerAllowed(
        { arn: "arn:aws:iam::123456789012:user/x", account: "210987654321", userId: "U" },
        { allowedPrincipalArns: "", allowedAccountIds: "210987654321" },
      ),
    ).toThrow(/ARN/);
  });
});
