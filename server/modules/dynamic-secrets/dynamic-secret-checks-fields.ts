import {
  GetGroupCommand,
  type GetGroupCommandOutput,
  GetPolicyCommand,
  type GetPolicyCommandOutput,
  ListUsersCommand,
  SimulateCustomPolicyCommand,
} from "@aws-sdk/client-iam";
import { parseArn } from "#shared/arn.ts";
import type { ConfigCheck, ConfigCheckStatus } from "#shared/schemas/dynamic-secrets.ts";
import { policyGrammarProblem } from "./dynamic-secret-checks-policy-grammar.ts";
import {
  awsProblem,
  type CheckRun,
  inputField,
  listInWords,
  makeCheck,
  worstStatus,
} from "./dynamic-secret-checks-run.ts";

/**
 * Test configuration, field by field: each check reads what IAM knows about one input and, when Generate would
 * fail on it, names the input so the form shows the message beside it (issue 12, item 6). Read-only calls only.
 */

interface ItemOutcome {
  item: string;
  status: ConfigCheckStatus;
  /** Said about this item when it is not ok. */
  problem?: string;
}

/** One check for a list field: failed if any item fails, the reasons of every item that is not ok. */
function listCheck(options: {
  id: string;
  field: string;
  title: string;
  action: string;
  outcomes: ItemOutcome[];
  allOk: (items: string[]) => string;
}): ConfigCheck {
  const status = worstStatus(options.outcomes.map((o) => o.status));
  const problems = options.outcomes.filter((o) => o.status !== "ok").map((o) => o.problem);
  return makeCheck({
    id: options.id,
    step: "iam",
    status,
    title: options.title,
    field: inputField(options.field),
    action: status === "ok" ? null : options.action,
    message: status === "ok" ? options.allOk(options.outcomes.map((o) => o.item)) : problems.join(" "),
  });
}

/** What a refused or failed read says about one item: missing fails, not being allowed to look is skipped. */
function readFailure(run: CheckRun, error: unknown, action: string, item: string, missing: string): ItemOutcome {
  const problem = awsProblem(error, { action, resource: item, caller: run.caller });
  if (problem.kind === "not-found") return { item, status: "failed", problem: missing };
  if (problem.kind === "access-denied")
    return {
      item,
      status: "skipped",
      problem:
        `Not checked: ${run.caller} may not call ${action} on ${item}, so Leasehold cannot see whether it ` +
        `exists (Generate does not need ${action}).`,
    };
  return { item, status: "skipped", problem: problem.message };
}

/** userGroups: every group exists (iam:GetGroup). Answers the groups' ARNs, path included, for the simulator. */
export async function checkGroups(
  run: CheckRun,
  groups: string[],
): Promise<{ check: ConfigCheck; arns: Map<string, string> }> {
  const arns = new Map<string, string>();
  const outcomes = await Promise.all(
    groups.map(async (group): Promise<ItemOutcome> => {
      try {
        const answer = await run.iam<GetGroupCommandOutput>(new GetGroupCommand({ GroupName: group, MaxItems: 1 }));
        arns.set(group, answer.Group?.Arn ?? `arn:${run.partition}:iam::${run.account}:group/${group}`);
        return { item: group, status: "ok" };
      } catch (error) {
        return readFailure(
          run,
          error,
          "iam:GetGroup",
          group,
          `The group "${group}" does not exist in account ${run.account}: Generate would fail at ` +
            "iam:AddUserToGroup. Check its spelling, or create the group first.",
        );
      }
    }),
  );
  const check = listCheck({
    id: "field:userGroups",
    field: "userGroups",
    title: "User groups",
    action: "iam:GetGroup",
    outcomes,
    allOk: (items) =>
      items.length === 1 ? `The group ${items[0]} exists.` : `The groups ${listInWords(items)} exist.`,
  });
  return { check, arns };
}

const ATTACH = "iam:AttachUserPolicy";
const CHECK_ARN = "Check the account ID and name.";

/**
 * A managed policy exists (iam:GetPolicy) in the credentials' partition, and can be attached to a user
 * (`attachable`: AWS marks some of its own policies, such as service-role policies, as not attachable).
 */
async function policyOutcome(
  run: CheckRun,
  arn: string,
  options: { attachable: boolean; missing: string },
): Promise<ItemOutcome> {
  const parsed = parseArn(arn);
  if (parsed && parsed.partition !== run.partition)
    return {
      item: arn,
      status: "failed",
      problem:
        `${arn} is in the ${parsed.partition} partition, but the credentials are in ${run.partition}: ` +
        `use arn:${run.partition}:… ARNs.`,
    };
  try {
    const answer = await run.iam<GetPolicyCommandOutput>(new GetPolicyCommand({ PolicyArn: arn }));
    if (options.attachable && answer.Policy?.IsAttachable === false)
      return {
        item: arn,
        status: "failed",
        problem: `${arn} exists but AWS does not let it be attached to a user: Generate would fail at ${ATTACH}.`,
      };
    return { item: arn, status: "ok" };
  } catch (error) {
    return readFailure(run, error, "iam:GetPolicy", arn, options.missing);
  }
}

/** policyArns: every managed policy (or, for federation tokens, every session policy ARN) exists. */
export async function checkPolicyArns(run: CheckRun, arns: string[], kind: "user" | "session"): Promise<ConfigCheck> {
  const outcomes = await Promise.all(
    arns.map((arn) =>
      policyOutcome(run, arn, {
        attachable: kind === "user",
        missing:
          kind === "user"
            ? `The managed policy ${arn} does not exist: Generate would fail at ${ATTACH}. ${CHECK_ARN}`
            : `The session policy ${arn} does not exist: Generate would fail at sts:GetFederationToken. ${CHECK_ARN}`,
      }),
    ),
  );
  return listCheck({
    id: "field:policyArns",
    field: "policyArns",
    title: kind === "user" ? "Policy ARNs" : "Session policy ARNs",
    action: "iam:GetPolicy",
    outcomes,
    allOk: (items) => {
      const exist =
        items.length === 1 ? `The managed policy ${items[0]} exists` : `The policies ${listInWords(items)} exist`;
      return `${exist}${kind === "user" ? " and can be attached to a user" : ""}.`;
    },
  });
}

/** permissionBoundaryPolicyArn: the boundary exists (CreateUser refuses a missing one). */
export async function checkBoundary(run: CheckRun, arn: string): Promise<ConfigCheck> {
  const outcome = await policyOutcome(run, arn, {
    attachable: false,
    missing: `The permissions boundary ${arn} does not exist: Generate would fail at iam:CreateUser. ${CHECK_ARN}`,
  });
  return listCheck({
    id: "field:permissionBoundaryPolicyArn",
    field: "permissionBoundaryPolicyArn",
    title: "Permissions boundary",
    action: "iam:GetPolicy",
    outcomes: [outcome],
    allOk: () => `The permissions boundary ${arn} exists.`,
  });
}

/**
 * awsPath: IAM lists users under it (iam:ListUsers with PathPrefix), which is also what the orphan check and
 * most path-scoped policies need. A refusal is a warning: Generate itself does not list users.
 */
export async function checkPath(run: CheckRun, path: string): Promise<ConfigCheck> {
  const base = { id: "field:awsPath", step: "iam" as const, title: "IAM path", field: inputField("awsPath") };
  try {
    await run.iam(new ListUsersCommand({ PathPrefix: path, MaxItems: 1 }));
    return makeCheck({ ...base, status: "ok", message: `IAM lists users under ${path}.` });
  } catch (error) {
    const problem = awsProblem(error, { action: "iam:ListUsers", resource: `users under ${path}`, caller: run.caller });
    if (problem.kind === "access-denied")
      return makeCheck({
        ...base,
        status: "warning",
        action: "iam:ListUsers",
        message:
          `${problem.message} Generate does not need it, but the orphan check does; ` +
          "if the policy names another path, this one may be mistyped.",
      });
    return makeCheck({
      ...base,
      status: problem.kind === "invalid-input" ? "failed" : "skipped",
      action: "iam:ListUsers",
      message: problem.message,
    });
  }
}

/**
 * policyDocument (or sessionPolicy): the grammar IAM enforces, checked here, then IAM's own parser through
 * the policy simulator (one read-only call, iam:SimulateCustomPolicy). Not being allowed to simulate is fine.
 */
export async function checkPolicyDocument(
  run: CheckRun,
  document: string,
  field: "policyDocument" | "sessionPolicy",
  /** The call that would refuse it at Generate: iam:PutUserPolicy, sts:AssumeRole or sts:GetFederationToken. */
  at: string,
): Promise<ConfigCheck> {
  const title = field === "policyDocument" ? "Inline policy" : "Session policy";
  const base = { id: `field:${field}`, step: "iam" as const, title, field: inputField(field) };
  const grammar = policyGrammarProblem(document);
  if (grammar)
    return makeCheck({ ...base, status: "failed", action: at, message: `${grammar}: AWS would refuse it at ${at}.` });
  try {
    await run.iam(
      new SimulateCustomPolicyCommand({ PolicyInputList: [document], ActionNames: ["sts:GetCallerIdentity"] }),
    );
    return makeCheck({ ...base, status: "ok", message: `IAM's policy parser accepts the ${title.toLowerCase()}.` });
  } catch (error) {
    const problem = awsProblem(error, { action: "iam:SimulateCustomPolicy", caller: run.caller });
    if (["MalformedPolicyDocument", "InvalidInput", "PolicyEvaluation"].some((c) => problem.code.startsWith(c)))
      return makeCheck({
        ...base,
        status: "failed",
        action: at,
        message: `IAM refuses the ${title.toLowerCase()}: ${problem.message}`,
      });
    return makeCheck({
      ...base,
      status: "ok",
      message:
        problem.kind === "access-denied"
          ? `The ${title.toLowerCase()} is well-formed (IAM's own parser was not asked: ` +
            `${run.caller} may not call iam:SimulateCustomPolicy).`
          : `The ${title.toLowerCase()} is well-formed (IAM's own parser did not answer: ${problem.message})`,
    });
  }
}
