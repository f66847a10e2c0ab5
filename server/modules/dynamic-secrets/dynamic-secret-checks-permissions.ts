import {
  type ContextEntry,
  type EvaluationResult,
  GetRoleCommand,
  type GetRoleCommandOutput,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandOutput,
} from "@aws-sdk/client-iam";
import { parseIamPrincipalArn, roleArnOf } from "#shared/arn.ts";
import type { LeaseStage } from "#shared/lease-lifecycle-actions.ts";
import type { ConfigCheck } from "#shared/schemas/dynamic-secrets.ts";
import { awsProblem, type CheckRun, listInWords, makeCheck } from "./dynamic-secret-checks-run.ts";

/**
 * Test configuration asks IAM's policy simulator (iam:SimulatePrincipalPolicy) whether the managing principal
 * may call each action a lease's life needs, on resource ARNs shaped like the ones Generate will touch. The
 * simulator weighs the principal's identity policies, its permissions boundary and the organisation's SCPs; it
 * cannot see trust policies, which is why temporary credentials also ask STS for a real session.
 */

export interface SimulatedAction {
  action: string;
  stage: LeaseStage;
  purpose: string;
}

/** One simulator call: these actions on this resource, with these request context values. */
export interface SimulationPlan {
  resourceArn: string;
  actions: SimulatedAction[];
  context?: ContextEntry[];
}

const STATUS_OF_STAGE = {
  create: "failed",
  revoke: "failed",
  cleanup: "warning",
  orphans: "warning",
  settings: "warning",
} as const;
const CONSEQUENCE: Record<LeaseStage, string> = {
  create: "Generate would fail",
  revoke: "revoking or expiring a lease would fail, and its credentials would stay valid at AWS",
  cleanup: "revoking would fail for a lease whose user someone changed outside Leasehold",
  orphans: "the orphan check would fail",
  settings: "Test configuration cannot read it (Generate does not need it)",
};
const PERMISSIONS = { id: "permissions", step: "iam" as const, title: "Permissions" };

/**
 * The ARN to simulate: a user's own; for a role session, its role's, path included (the simulator wants the
 * role's real ARN, and a session ARN does not carry the path: `knownRoleArn`, or iam:GetRole, supplies it).
 */
export async function simulationPrincipal(
  run: CheckRun,
  knownRoleArn: string | undefined,
): Promise<{ arn: string } | { check: ConfigCheck }> {
  const principal = parseIamPrincipalArn(run.callerArn);
  if (principal?.kind === "user" || principal?.kind === "role") return { arn: principal.arn };
  if (principal?.kind === "assumed-role") {
    const known = knownRoleArn ? parseIamPrincipalArn(knownRoleArn) : null;
    if (known?.kind === "role" && known.name === principal.roleName && known.account === principal.account)
      return { arn: known.arn };
    try {
      const role = await run.iam<GetRoleCommandOutput>(new GetRoleCommand({ RoleName: principal.roleName }));
      if (role.Role?.Arn) return { arn: role.Role.Arn };
    } catch {
      // Not allowed to read its own role: the path-less ARN is right for the many roles that live under "/".
    }
    return { arn: roleArnOf(principal)! };
  }
  if (principal?.kind === "root")
    return {
      check: makeCheck({
        ...PERMISSIONS,
        status: "warning",
        message:
          "The managing credentials are the account's root user, which may do everything, so there is nothing " +
          "to simulate. AWS advises against root access keys: use an IAM user or role with the permission policy.",
      }),
    };
  return {
    check: makeCheck({
      ...PERMISSIONS,
      status: "skipped",
      message:
        "Not checked: IAM's policy simulator takes users and roles, " +
        `and the managing credentials are ${run.callerArn}.`,
    }),
  };
}

async function simulate(run: CheckRun, principalArn: string, plan: SimulationPlan): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  let marker: string | undefined;
  do {
    const page = await run.iam<SimulatePrincipalPolicyCommandOutput>(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: plan.actions.map((a) => a.action),
        ResourceArns: [plan.resourceArn],
        ...(plan.context?.length ? { ContextEntries: plan.context } : {}),
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    results.push(...(page.EvaluationResults ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return results;
}

const ADD_IT = "Add it to the principal's policy (the permission policy builder under App Connections writes one).";

/** Why the simulator said no, from its details (an SCP, the boundary, a Deny, or no Allow), and the fix. */
function denial(result: EvaluationResult): { reason: string; fix: string } {
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
    return {
      reason: "a service control policy of the organisation denies it",
      fix: "Ask the organisation's administrators to allow it for this account.",
    };
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false)
    return {
      reason: "the principal's permissions boundary does not allow it",
      fix: "Widen the principal's permissions boundary.",
    };
  if (result.EvalDecision === "explicitDeny") {
    const sources = [...new Set((result.MatchedStatements ?? []).map((s) => s.SourcePolicyId).filter(Boolean))];
    return {
      reason: `a Deny statement${sources.length ? ` in ${listInWords(sources as string[])}` : ""} refuses it`,
      fix: "Remove or narrow that Deny.",
    };
  }
  const missing = result.MissingContextValues ?? [];
  return missing.length
    ? {
        reason:
          `no policy allows it without the condition keys ${listInWords(missing)}, ` +
          "which only the real request carries",
        fix: "Check that the policy's conditions hold for Leasehold's requests.",
      }
    : { reason: "no policy allows it", fix: ADD_IT };
}

/**
 * One check per action denied on any resource (create and revoke: failed; cleanup and orphan check: warning),
 * or one ok check when the simulator allows them all. Not being allowed to simulate skips the check, with why.
 */
export async function checkPermissions(
  run: CheckRun,
  principalArn: string,
  plans: SimulationPlan[],
): Promise<ConfigCheck[]> {
  const plansToRun = plans.filter((plan) => plan.actions.length > 0);
  let answers: { plan: SimulationPlan; results: EvaluationResult[] }[];
  try {
    answers = await Promise.all(
      plansToRun.map(async (plan) => ({ plan, results: await simulate(run, principalArn, plan) })),
    );
  } catch (error) {
    const problem = awsProblem(error, {
      action: "iam:SimulatePrincipalPolicy",
      resource: principalArn,
      caller: run.caller,
    });
    return [
      makeCheck({
        ...PERMISSIONS,
        status: "skipped",
        action: "iam:SimulatePrincipalPolicy",
        message:
          problem.kind === "access-denied"
            ? `Not checked: ${run.caller} may not call iam:SimulatePrincipalPolicy on ${principalArn}, so ` +
              "Leasehold cannot ask IAM which lease actions it allows. Generate does not need it; " +
              "allow it to have each action checked here."
            : `Not checked: IAM's policy simulator did not answer. ${problem.message}`,
      }),
    ];
  }

  const denied = new Map<
    string,
    { action: SimulatedAction; resources: string[]; reasons: Set<string>; fixes: Set<string> }
  >();
  let total = 0;
  for (const { plan, results } of answers) {
    for (const action of plan.actions) {
      total++;
      const result = results.find((r) => r.EvalActionName?.toLowerCase() === action.action.toLowerCase());
      if (result?.EvalDecision === "allowed") continue;
      const entry = denied.get(action.action) ?? {
        action,
        resources: [],
        reasons: new Set<string>(),
        fixes: new Set<string>(),
      };
      const why = result ? denial(result) : { reason: "the simulator gave no answer for it", fix: ADD_IT };
      entry.resources.push(plan.resourceArn);
      entry.reasons.add(why.reason);
      entry.fixes.add(why.fix);
      denied.set(action.action, entry);
    }
  }
  if (denied.size === 0)
    return [
      makeCheck({
        ...PERMISSIONS,
        status: "ok",
        message:
          `IAM's policy simulator allows ${principalArn} all ${total} actions a lease needs, ` +
          `on resources like ${plansToRun[0]?.resourceArn ?? "the lease's"}.`,
      }),
    ];
  return [...denied.values()].map(({ action, resources, reasons, fixes }) =>
    makeCheck({
      id: `action:${action.action}`,
      step: "iam",
      status: STATUS_OF_STAGE[action.stage],
      title: action.action,
      action: action.action,
      message:
        `${principalArn} may not call ${action.action} on ${listInWords(resources)}: ${listInWords([...reasons])}. ` +
        `Leasehold needs it to ${action.purpose}, so ${CONSEQUENCE[action.stage]}. ${[...fixes].join(" ")}`,
    }),
  );
}
