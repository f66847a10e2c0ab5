/**
 * The grammar IAM enforces on identity and session policies, checked before asking AWS, so Test configuration
 * names the statement to fix even when the policy simulator is not allowed: IAM answers MalformedPolicyDocument
 * at PutUserPolicy (and STS at AssumeRole or GetFederationToken) for each of these.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);
const ACTION_RE = /^(\*|[a-zA-Z0-9-]+:[A-Za-z0-9*?]+)$/;
const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
  "Principal",
  "NotPrincipal",
]);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function statementProblem(statement: unknown, at: string): string | null {
  if (!statement || typeof statement !== "object" || Array.isArray(statement)) return `${at} is not a JSON object`;
  const s = statement as Record<string, unknown>;
  const unknown = Object.keys(s).find((key) => !STATEMENT_KEYS.has(key));
  if (unknown) return `${at} has the unknown key "${unknown}" (keys are case-sensitive)`;
  if (s.Effect !== "Allow" && s.Effect !== "Deny") return `${at}: "Effect" must be "Allow" or "Deny"`;
  if ("Principal" in s || "NotPrincipal" in s)
    return `${at} names a principal, which only resource policies (such as a trust policy) may do`;
  if ("Action" in s === "NotAction" in s) return `${at} needs exactly one of "Action" and "NotAction"`;
  if ("Resource" in s === "NotResource" in s) return `${at} needs exactly one of "Resource" and "NotResource"`;
  const actions = asList(s.Action ?? s.NotAction);
  const badAction = actions.find((a) => typeof a !== "string" || !ACTION_RE.test(a));
  if (badAction !== undefined || actions.length === 0)
    return `${at}: ${JSON.stringify(badAction ?? [])} is not an action such as "s3:GetObject" or "s3:*"`;
  const resources = asList(s.Resource ?? s.NotResource);
  const badResource = resources.find((r) => typeof r !== "string" || (r !== "*" && !r.startsWith("arn:")));
  if (badResource !== undefined || resources.length === 0)
    return `${at}: ${JSON.stringify(badResource ?? [])} is not "*" or an ARN`;
  if ("Condition" in s && (!s.Condition || typeof s.Condition !== "object" || Array.isArray(s.Condition)))
    return `${at}: "Condition" must be an object of operators`;
  return null;
}

/** The first grammar problem of a policy's JSON text, in words, or null. The JSON itself is already valid. */
export function policyGrammarProblem(document: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return "The policy is not valid JSON";
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "The policy is not a JSON object";
  const policy = parsed as Record<string, unknown>;
  if ("Version" in policy && !VERSIONS.has(String(policy.Version)))
    return `"Version" must be "2012-10-17" (the current policy language), not ${JSON.stringify(policy.Version)}`;
  const statements = asList(policy.Statement);
  if (statements.length === 0 || policy.Statement === undefined) return 'The policy has no "Statement"';
  for (const [index, statement] of statements.entries()) {
    const problem = statementProblem(statement, statements.length === 1 ? "The statement" : `Statement ${index + 1}`);
    if (problem) return problem;
  }
  return null;
}
