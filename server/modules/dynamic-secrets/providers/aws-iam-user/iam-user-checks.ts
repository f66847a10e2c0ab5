import {
  effectiveStage,
  IAM_USER_LEASE_ACTIONS,
  isSimulated,
  type LeaseActionInput,
  type LeaseActionTarget,
} from "#shared/lease-lifecycle-actions.ts";
import type { SimulatedAction, SimulationPlan } from "../../dynamic-secret-checks-permissions.ts";

/**
 * What Test configuration asks the policy simulator for an IAM-user secret: every action of
 * IAM_USER_LEASE_ACTIONS the configuration needs, on a sample lease user under the secret's path (named by its
 * username template, so policies scoped to a name prefix are weighed too), on each group, and on an MFA
 * device. With a boundary, CreateUser is asked with `iam:PermissionsBoundary` set, as policies that require a
 * boundary on the users they create test that key.
 */
export function iamUserSimulationPlans(input: {
  partition: string;
  account: string;
  path: string;
  sampleUser: string;
  /** Group ARNs as IAM gave them (with their paths). */
  groupArns: string[];
  uses: ReadonlySet<LeaseActionInput>;
  boundaryArn?: string | undefined;
}): SimulationPlan[] {
  const needed = (target: LeaseActionTarget): SimulatedAction[] =>
    IAM_USER_LEASE_ACTIONS.filter((a) => a.target === target && isSimulated(a)).flatMap((a) => {
      const stage = effectiveStage(a, input.uses);
      return stage ? [{ action: a.action, stage, purpose: a.purpose }] : [];
    });
  const iam = `arn:${input.partition}:iam::${input.account}`;
  return [
    {
      resourceArn: `${iam}:user${input.path}${input.sampleUser}`,
      actions: needed("lease-user"),
      ...(input.boundaryArn
        ? {
            context: [
              {
                ContextKeyName: "iam:PermissionsBoundary",
                ContextKeyValues: [input.boundaryArn],
                ContextKeyType: "string" as const,
              },
            ],
          }
        : {}),
    },
    // Group membership is weighed only for the groups the secret names: a group added by hand is rare.
    ...input.groupArns.map((resourceArn) => ({ resourceArn, actions: needed("group") })),
    { resourceArn: `${iam}:mfa/${input.sampleUser}`, actions: needed("mfa-device") },
  ];
}

/** The inputs of an IAM-user secret that make actions needed (lease-lifecycle-actions.ts, `onlyWith`). */
export function iamUserInputsInUse(inputs: {
  permissionBoundaryPolicyArn?: string | undefined;
  userGroups?: string | undefined;
  policyArns?: string | undefined;
  policyDocument?: string | undefined;
}): Set<LeaseActionInput> {
  const uses = new Set<LeaseActionInput>();
  for (const key of ["permissionBoundaryPolicyArn", "userGroups", "policyArns", "policyDocument"] as const)
    if (inputs[key]?.trim()) uses.add(key);
  return uses;
}
