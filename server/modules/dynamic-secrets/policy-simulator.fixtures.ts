// Test support: IAM's policy simulator, which moto 5.2 does not implement (SimulatePrincipalPolicy and
// SimulateCustomPolicy answer a bare HTML 500). The recording proxy answers both as AWS does, from what moto
// holds: the principal's inline and attached policies, read from moto, evaluated the way IAM evaluates identity
// policies (an explicit Deny wins, then any Allow, else an implicit deny). Conditions are not evaluated: a
// statement with a Condition is treated as matching, which AWS would only do when the condition holds.
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from "@aws-sdk/client-iam";
import { globMatch, parseIamPrincipalArn } from "#shared/arn.ts";
import type { AwsProxy, ComputedAnswer, RecordedRequest } from "../../../test/proxy/aws-proxy.ts";

interface Statement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}
interface NamedPolicy {
  id: string;
  statements: Statement[];
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
const members = (params: Record<string, string>, name: string) =>
  Object.keys(params)
    .filter((key) => key.startsWith(`${name}.member.`))
    .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()))
    .map((key) => params[key]!);
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const statementsOf = (document: string): Statement[] =>
  [JSON.parse(decodeURIComponent(document)).Statement ?? []].flat() as Statement[];

function matches(statement: Statement, action: string, resource: string): boolean {
  const actionHit = (patterns: string[]) => patterns.some((p) => globMatch(p.toLowerCase(), action.toLowerCase()));
  const resourceHit = (patterns: string[]) => patterns.some((p) => globMatch(p, resource));
  const onAction = statement.Action ? actionHit(list(statement.Action)) : !actionHit(list(statement.NotAction));
  const onResource = statement.Resource
    ? resourceHit(list(statement.Resource))
    : !resourceHit(list(statement.NotResource));
  return onAction && onResource;
}

/** The identity policies of a user or role, as moto holds them. */
async function policiesOf(iam: IAMClient, principalArn: string): Promise<NamedPolicy[] | null> {
  const principal = parseIamPrincipalArn(principalArn);
  if (principal?.kind !== "user" && principal?.kind !== "role") return null;
  const name = principal.name;
  const isUser = principal.kind === "user";
  try {
    const inlineNames = isUser
      ? ((await iam.send(new ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? [])
      : ((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []);
    const inline = await Promise.all(
      inlineNames.map(async (policy) => {
        const document = isUser
          ? (await iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policy }))).PolicyDocument
          : (await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policy }))).PolicyDocument;
        return { id: policy, statements: statementsOf(document ?? "{}") };
      }),
    );
    const attached = isUser
      ? ((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: name }))).AttachedPolicies ?? [])
      : ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []);
    const managed = await Promise.all(
      attached.map(async ({ PolicyArn }) => {
        const policy = (await iam.send(new GetPolicyCommand({ PolicyArn }))).Policy!;
        const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId: policy.DefaultVersionId! }));
        return { id: policy.PolicyName!, statements: statementsOf(version.PolicyVersion?.Document ?? "{}") };
      }),
    );
    return [...inline, ...managed];
  } catch {
    return null;
  }
}

function evaluate(policies: NamedPolicy[], action: string, resource: string) {
  const hits = (effect: "Allow" | "Deny") =>
    policies.filter((p) => p.statements.some((s) => s.Effect === effect && matches(s, action, resource)));
  const denies = hits("Deny");
  if (denies.length) return { decision: "explicitDeny", matched: denies };
  const allows = hits("Allow");
  return allows.length ? { decision: "allowed", matched: allows } : { decision: "implicitDeny", matched: [] };
}

function resultsXml(
  root: string,
  results: { action: string; resource: string; decision: string; matched: NamedPolicy[] }[],
) {
  const matched = (p: NamedPolicy) =>
    `<member><SourcePolicyId>${xml(p.id)}</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member>`;
  const items = results
    .map(
      (r) =>
        `<member><EvalActionName>${xml(r.action)}</EvalActionName>` +
        `<EvalResourceName>${xml(r.resource)}</EvalResourceName><EvalDecision>${r.decision}</EvalDecision>` +
        `<MatchedStatements>${r.matched.map(matched).join("")}</MatchedStatements><MissingContextValues/></member>`,
    )
    .join("");
  return (
    `<${root}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${root}Result>` +
    `<IsTruncated>false</IsTruncated><EvaluationResults>${items}</EvaluationResults></${root}Result>` +
    `<ResponseMetadata><RequestId>proxy</RequestId></ResponseMetadata></${root}Response>`
  );
}

const awsError = (status: number, code: string, message: string): ComputedAnswer => ({
  status,
  body:
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>` +
    `<Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
});

async function simulatePrincipal(iam: IAMClient, request: RecordedRequest): Promise<ComputedAnswer> {
  const principal = request.params.PolicySourceArn ?? "";
  const policies = await policiesOf(iam, principal);
  if (!policies) return awsError(404, "NoSuchEntity", `The principal ${principal} does not exist.`);
  const resources = members(request.params, "ResourceArns");
  const results = members(request.params, "ActionNames").flatMap((action) =>
    (resources.length ? resources : ["*"]).map((resource) => ({
      action,
      resource,
      ...evaluate(policies, action, resource),
    })),
  );
  return { status: 200, body: resultsXml("SimulatePrincipalPolicy", results) };
}

function simulateCustom(request: RecordedRequest): ComputedAnswer {
  const documents = members(request.params, "PolicyInputList");
  let policies: NamedPolicy[];
  try {
    policies = documents.map((document, i) => {
      const statements = statementsOf(document);
      if (statements.length === 0) throw new Error("no statement");
      return { id: `PolicyInputList.${i + 1}`, statements };
    });
  } catch {
    return awsError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
  }
  const results = members(request.params, "ActionNames").map((action) => ({
    action,
    resource: "*",
    ...evaluate(policies, action, "*"),
  }));
  return { status: 200, body: resultsXml("SimulateCustomPolicy", results) };
}

/** Answers SimulatePrincipalPolicy and SimulateCustomPolicy at the proxy, from moto's policies. */
export function answerPolicySimulatorLikeAws(proxy: AwsProxy, iam: IAMClient) {
  const principal = proxy.inject({
    action: "SimulatePrincipalPolicy",
    times: Infinity,
    fault: { kind: "answer", respond: (request) => simulatePrincipal(iam, request) },
  });
  const custom = proxy.inject({
    action: "SimulateCustomPolicy",
    times: Infinity,
    fault: { kind: "answer", respond: simulateCustom },
  });
  return {
    remove() {
      principal.remove();
      custom.remove();
    },
  };
}
