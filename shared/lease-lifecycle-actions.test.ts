import { describe, expect, it } from "vitest";
import { permissionPolicy } from "./aws-policies.ts";
import {
  effectiveStage,
  IAM_USER_LEASE_ACTIONS,
  type LeaseActionInput,
  STS_SESSION_LEASE_ACTIONS,
} from "./lease-lifecycle-actions.ts";

const granted = (useCase: "iam-dynamic-secrets" | "sts-temporary-credentials") =>
  new Set(
    permissionPolicy([useCase], { iamUserPath: "/leasehold/" }).policy.Statement.flatMap((s) => [s.Action].flat()),
  );

describe("lease lifecycle actions: one list for the permission policy and Test configuration", () => {
  it("the builder's policy grants every action the lists name, and nothing else", () => {
    expect(granted("iam-dynamic-secrets")).toEqual(new Set(IAM_USER_LEASE_ACTIONS.map((a) => a.action)));
    expect(granted("sts-temporary-credentials")).toEqual(new Set(STS_SESSION_LEASE_ACTIONS.map((a) => a.action)));
  });

  it("what the source code of a lease calls is in the list (names checked against the SDK commands used)", () => {
    const actions = new Set(IAM_USER_LEASE_ACTIONS.map((a) => a.action));
    for (const call of ["CreateUser", "CreateAccessKey", "AddUserToGroup", "AttachUserPolicy", "PutUserPolicy"])
      expect(actions).toContain(`iam:${call}`);
    // The cleanup order of TESTING.md, each list and delete.
    for (const call of ["DeleteAccessKey", "RemoveUserFromGroup", "DetachUserPolicy", "DeleteUserPolicy"])
      expect(actions).toContain(`iam:${call}`);
    for (const call of ["DeleteLoginProfile", "DeactivateMFADevice", "DeleteSSHPublicKey", "DeleteUser"])
      expect(actions).toContain(`iam:${call}`);
  });

  it("an input the secret does not use makes its create action unneeded and its revoke action cleanup only", () => {
    const byName = (name: string) => IAM_USER_LEASE_ACTIONS.find((a) => a.action === name)!;
    const none = new Set<LeaseActionInput>();
    const groups = new Set<LeaseActionInput>(["userGroups"]);
    expect(effectiveStage(byName("iam:AddUserToGroup"), none)).toBeNull();
    expect(effectiveStage(byName("iam:AddUserToGroup"), groups)).toBe("create");
    expect(effectiveStage(byName("iam:RemoveUserFromGroup"), none)).toBe("cleanup");
    expect(effectiveStage(byName("iam:RemoveUserFromGroup"), groups)).toBe("revoke");
    expect(effectiveStage(byName("iam:CreateUser"), none)).toBe("create");
  });
});
