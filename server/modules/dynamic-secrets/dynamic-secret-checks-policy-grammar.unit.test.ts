import { describe, expect, it } from "vitest";
import { policyGrammarProblem } from "./dynamic-secret-checks-policy-grammar.ts";

const policy = (statement: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statement, ...extra });
const allow = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" };

describe("policyGrammarProblem: what IAM would refuse with MalformedPolicyDocument", () => {
  it("accepts a well-formed identity policy, one statement or several", () => {
    expect(policyGrammarProblem(policy(allow))).toBeNull();
    expect(policyGrammarProblem(policy([allow, { ...allow, Effect: "Deny", Action: ["s3:*"] }]))).toBeNull();
    expect(
      policyGrammarProblem(policy({ ...allow, Condition: { Bool: { "aws:SecureTransport": "true" } } })),
    ).toBeNull();
  });

  it("names the statement and the rule it breaks", () => {
    expect(policyGrammarProblem(policy({ ...allow, Effect: "allow" }))).toBe(
      'The statement: "Effect" must be "Allow" or "Deny"',
    );
    expect(policyGrammarProblem(policy([allow, { Effect: "Allow", Action: "s3:GetObject" }]))).toBe(
      'Statement 2 needs exactly one of "Resource" and "NotResource"',
    );
    expect(policyGrammarProblem(policy({ ...allow, Principal: "*" }))).toMatch(/names a principal/);
    expect(policyGrammarProblem(policy({ ...allow, Action: "GetObject" }))).toMatch(/"GetObject" is not an action/);
    expect(policyGrammarProblem(policy({ ...allow, Resource: "bucket" }))).toMatch(/"bucket" is not "\*" or an ARN/);
    expect(policyGrammarProblem(policy({ ...allow, effect: "Allow" }))).toMatch(/unknown key "effect"/);
    expect(policyGrammarProblem(policy(allow, { Version: "2024-01-01" }))).toMatch(/"Version" must be "2012-10-17"/);
    expect(policyGrammarProblem(policy([]))).toBe('The policy has no "Statement"');
  });
});
