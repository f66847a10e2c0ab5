/**
 * Every AWS action a dynamic secret's leases call, from Generate to the last cleanup: one list that both the
 * permission-policy builder (aws-policies.ts) and "Test configuration" (which asks IAM's policy simulator about
 * each) read, so the policy Leasehold hands out and the check it runs cannot drift apart (issue 12, item 6).
 *
 * The order of the IAM-user cleanup follows what IAM requires before DeleteUser (TESTING.md): access keys,
 * groups, managed and inline policies, then login profile, MFA devices, SSH keys, signing certificates and
 * service-specific credentials.
 */

/** When in a lease's life the action is called, which says how bad a denial is. */
export type LeaseStage =
  /** Generate: a denial makes the lease fail. */
  | "create"
  /** Revoke and expiry: a denial leaves the credentials alive at AWS. */
  | "revoke"
  /** Revoke, only for what someone added to a lease's user outside Leasehold (a console password, an MFA …). */
  | "cleanup"
  /** The orphan check of the dashboard. */
  | "orphans"
  /** Test configuration and save-time checks only. */
  | "settings";

/** What IAM authorises the action on. */
export type LeaseActionTarget =
  /** A lease's IAM user, under the secret's path. */
  | "lease-user"
  /** An IAM group named in userGroups. */
  | "group"
  /** A virtual MFA device someone gave a lease's user. */
  | "mfa-device"
  /** A managed policy named in policyArns or as the boundary. */
  | "managed-policy"
  /** The role whose sessions the leases are (temporary credentials). */
  | "lease-role"
  /** The IAM user whose key asks for federation tokens, which carries their deny list. */
  | "token-user"
  /** The federated user a federation token creates. */
  | "federated-user"
  /** Nothing: GetSessionToken needs no permission, so nothing is simulated for it. */
  | "session-token";

/** The input that makes an action needed; absent: always needed. */
export type LeaseActionInput =
  | "permissionBoundaryPolicyArn"
  | "userGroups"
  | "policyArns"
  | "policyDocument"
  | "sessionTags";

export interface LeaseAction {
  action: string;
  target: LeaseActionTarget;
  stage: LeaseStage;
  /** Needed only when the dynamic secret sets this input (at `stage`; otherwise only for cleanup). */
  onlyWith?: LeaseActionInput;
  /** What Leasehold does with it, in words that finish "Leasehold needs it to …". */
  purpose: string;
}

/** credentialType "iam-user": each lease is an IAM user with an access key. */
export const IAM_USER_LEASE_ACTIONS: readonly LeaseAction[] = [
  { action: "iam:CreateUser", target: "lease-user", stage: "create", purpose: "create the lease's IAM user" },
  {
    action: "iam:GetUser",
    target: "lease-user",
    stage: "revoke",
    purpose: "prove a user is the lease's before deleting it",
  },
  {
    action: "iam:ListUsers",
    target: "lease-user",
    stage: "orphans",
    purpose: "list users under the path (orphan check)",
  },
  { action: "iam:TagUser", target: "lease-user", stage: "create", purpose: "tag the user with its lease ID" },
  {
    action: "iam:ListUserTags",
    target: "lease-user",
    stage: "orphans",
    purpose: "read a user's lease tag (orphan check)",
  },
  { action: "iam:DeleteUser", target: "lease-user", stage: "revoke", purpose: "delete the lease's IAM user" },
  {
    action: "iam:PutUserPermissionsBoundary",
    target: "lease-user",
    stage: "create",
    onlyWith: "permissionBoundaryPolicyArn",
    purpose: "create the user with its permissions boundary",
  },
  { action: "iam:CreateAccessKey", target: "lease-user", stage: "create", purpose: "issue the lease's access key" },
  { action: "iam:ListAccessKeys", target: "lease-user", stage: "revoke", purpose: "find the user's access keys" },
  { action: "iam:DeleteAccessKey", target: "lease-user", stage: "revoke", purpose: "delete the user's access keys" },
  { action: "iam:ListGroupsForUser", target: "lease-user", stage: "revoke", purpose: "find the user's groups" },
  {
    action: "iam:AttachUserPolicy",
    target: "lease-user",
    stage: "create",
    onlyWith: "policyArns",
    purpose: "attach the managed policies",
  },
  {
    action: "iam:DetachUserPolicy",
    target: "lease-user",
    stage: "revoke",
    onlyWith: "policyArns",
    purpose: "detach managed policies before deleting the user",
  },
  {
    action: "iam:ListAttachedUserPolicies",
    target: "lease-user",
    stage: "revoke",
    purpose: "find the user's managed policies",
  },
  {
    action: "iam:PutUserPolicy",
    target: "lease-user",
    stage: "create",
    onlyWith: "policyDocument",
    purpose: "put the inline policy",
  },
  {
    action: "iam:DeleteUserPolicy",
    target: "lease-user",
    stage: "revoke",
    onlyWith: "policyDocument",
    purpose: "delete inline policies before deleting the user",
  },
  { action: "iam:ListUserPolicies", target: "lease-user", stage: "revoke", purpose: "find the user's inline policies" },
  { action: "iam:GetLoginProfile", target: "lease-user", stage: "cleanup", purpose: "find a console password" },
  { action: "iam:DeleteLoginProfile", target: "lease-user", stage: "cleanup", purpose: "delete a console password" },
  { action: "iam:ListMFADevices", target: "lease-user", stage: "cleanup", purpose: "find MFA devices" },
  { action: "iam:DeactivateMFADevice", target: "lease-user", stage: "cleanup", purpose: "deactivate MFA devices" },
  { action: "iam:ListSSHPublicKeys", target: "lease-user", stage: "cleanup", purpose: "find SSH keys" },
  { action: "iam:DeleteSSHPublicKey", target: "lease-user", stage: "cleanup", purpose: "delete SSH keys" },
  {
    action: "iam:ListSigningCertificates",
    target: "lease-user",
    stage: "cleanup",
    purpose: "find signing certificates",
  },
  {
    action: "iam:DeleteSigningCertificate",
    target: "lease-user",
    stage: "cleanup",
    purpose: "delete signing certificates",
  },
  {
    action: "iam:ListServiceSpecificCredentials",
    target: "lease-user",
    stage: "cleanup",
    purpose: "find service-specific credentials",
  },
  {
    action: "iam:DeleteServiceSpecificCredential",
    target: "lease-user",
    stage: "cleanup",
    purpose: "delete service-specific credentials",
  },
  // Group membership is authorised on the group, and deleting a virtual MFA device on the device, not the user.
  {
    action: "iam:AddUserToGroup",
    target: "group",
    stage: "create",
    onlyWith: "userGroups",
    purpose: "add the user to its groups",
  },
  {
    action: "iam:RemoveUserFromGroup",
    target: "group",
    stage: "revoke",
    onlyWith: "userGroups",
    purpose: "remove the user from its groups before deleting it",
  },
  {
    action: "iam:DeleteVirtualMFADevice",
    target: "mfa-device",
    stage: "cleanup",
    purpose: "delete a virtual MFA device",
  },
  // Test configuration reads these to tell a mistyped group or policy from a real one before Generate does.
  { action: "iam:GetGroup", target: "group", stage: "settings", purpose: "check that each group exists" },
  { action: "iam:GetPolicy", target: "managed-policy", stage: "settings", purpose: "check that each policy exists" },
];

/**
 * credentialType "temporary-credentials": each lease is an STS session; revoking one writes the inline deny
 * `leasehold-revoked-sessions` on the role (or, for federation tokens, on the key's user). sts:AssumeRole is
 * not here: the role's trust policy grants it, which the policy simulator cannot see, so Test configuration
 * asks STS for a session instead. sts:GetSessionToken needs no permission at all (AWS: "You cannot use
 * policies to control authentication operations"); it is listed for the builder's sake.
 */
export const STS_SESSION_LEASE_ACTIONS: readonly LeaseAction[] = [
  {
    action: "iam:GetRole",
    target: "lease-role",
    stage: "settings",
    purpose: "read the role's maximum session duration",
  },
  {
    action: "iam:GetRolePolicy",
    target: "lease-role",
    stage: "revoke",
    purpose: "read the revoked-sessions deny list",
  },
  {
    action: "iam:PutRolePolicy",
    target: "lease-role",
    stage: "revoke",
    purpose: "write the revoked-sessions deny list",
  },
  {
    action: "iam:DeleteRolePolicy",
    target: "lease-role",
    stage: "revoke",
    purpose: "remove the deny list once every entry has expired",
  },
  {
    action: "sts:GetFederationToken",
    target: "federated-user",
    stage: "create",
    purpose: "issue the lease's federation token",
  },
  {
    action: "sts:GetSessionToken",
    target: "session-token",
    stage: "create",
    purpose: "issue the lease's session token",
  },
  {
    action: "sts:TagSession",
    target: "federated-user",
    stage: "create",
    onlyWith: "sessionTags",
    purpose: "pass the session tags",
  },
  {
    action: "iam:GetUserPolicy",
    target: "token-user",
    stage: "revoke",
    purpose: "read the revoked-sessions deny list on the key's user",
  },
  {
    action: "iam:PutUserPolicy",
    target: "token-user",
    stage: "revoke",
    purpose: "write the revoked-sessions deny list on the key's user",
  },
  {
    action: "iam:DeleteUserPolicy",
    target: "token-user",
    stage: "revoke",
    purpose: "remove the deny list once every entry has expired",
  },
];

const actionsOn = (list: readonly LeaseAction[], targets: readonly LeaseActionTarget[]) =>
  list.filter((a) => targets.includes(a.target)).map((a) => a.action);

/** The action lists of the permission policy's statements, by the resource each is scoped to. */
export const POLICY_ACTIONS = {
  iamUsers: actionsOn(IAM_USER_LEASE_ACTIONS, ["lease-user"]),
  iamGroups: actionsOn(IAM_USER_LEASE_ACTIONS, ["group"]),
  iamMfaDevices: actionsOn(IAM_USER_LEASE_ACTIONS, ["mfa-device"]),
  iamPolicies: actionsOn(IAM_USER_LEASE_ACTIONS, ["managed-policy"]),
  stsRoles: actionsOn(STS_SESSION_LEASE_ACTIONS, ["lease-role"]),
  stsTokens: actionsOn(STS_SESSION_LEASE_ACTIONS, ["token-user", "federated-user", "session-token"]),
} as const;

/** Test configuration calls `settings` actions itself and reports a refusal there; the simulator skips them. */
export const isSimulated = (action: LeaseAction) => action.stage !== "settings";

/**
 * How a denied action matters for a configuration, or null when it does not need the action at all:
 * `create` and `revoke` stop a lease from being issued or undone; cleanup of things added outside Leasehold
 * and the orphan check matter only some of the time. A revoke-stage action tied to an input the configuration
 * does not use (DetachUserPolicy without policy ARNs) is still needed to clean up what someone added by hand.
 */
export function effectiveStage(action: LeaseAction, uses: ReadonlySet<LeaseActionInput>): LeaseStage | null {
  if (!action.onlyWith || uses.has(action.onlyWith)) return action.stage;
  return action.stage === "create" ? null : "cleanup";
}
