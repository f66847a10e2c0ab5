/**
 * Every action the server writes to the audit log, and every resource type, with the words the dashboard shows
 * for them. The one list: the server's `audit.record` accepts only these (a typed `AuditEvent`), a unit test
 * scans the server's sources for any other, and the audit-log filters offer exactly these as choices.
 */
export const AUDIT_RESOURCE_TYPES = {
  organization: "Organization",
  session: "Session",
  member: "Member",
  project: "Project",
  environment: "Environment",
  "project-membership": "Project membership",
  identity: "Machine identity",
  "identity-access-token": "Identity access token",
  "app-connection": "App connection",
  "dynamic-secret": "Dynamic secret",
  "dynamic-secret-lease": "Lease",
} as const satisfies Record<string, string>;

export type AuditResourceType = keyof typeof AUDIT_RESOURCE_TYPES;

interface ActionInfo {
  /** What happened, as a person reads it in a list ("Lease generated"). */
  label: string;
  /** The kind of resource the action is recorded against, to group the choices. */
  resourceType: AuditResourceType;
}

export const AUDIT_ACTIONS = {
  "org.setup": { label: "Organization set up", resourceType: "organization" },
  "session.login": { label: "Signed in", resourceType: "session" },
  "session.logout": { label: "Signed out", resourceType: "session" },
  "member.add": { label: "Member invited", resourceType: "member" },
  "member.accept-invite": { label: "Invitation accepted", resourceType: "member" },
  "member.update-role": { label: "Member's role changed", resourceType: "member" },
  "member.remove": { label: "Member removed", resourceType: "member" },
  "project.create": { label: "Project created", resourceType: "project" },
  "project.update": { label: "Project renamed", resourceType: "project" },
  "project.delete": { label: "Project deleted", resourceType: "project" },
  "environment.create": { label: "Environment added", resourceType: "environment" },
  "environment.update": { label: "Environment renamed", resourceType: "environment" },
  "environment.delete": { label: "Environment deleted", resourceType: "environment" },
  "project-member.add": { label: "Person added to project", resourceType: "project-membership" },
  "project-member.update-role": { label: "Person's project role changed", resourceType: "project-membership" },
  "project-member.remove": { label: "Person removed from project", resourceType: "project-membership" },
  "identity-membership.add": { label: "Identity added to project", resourceType: "project-membership" },
  "identity-membership.update-role": {
    label: "Identity's project role changed",
    resourceType: "project-membership",
  },
  "identity-membership.remove": { label: "Identity removed from project", resourceType: "project-membership" },
  "identity.create": { label: "Identity created", resourceType: "identity" },
  "identity.update": { label: "Identity changed", resourceType: "identity" },
  "identity.delete": { label: "Identity deleted", resourceType: "identity" },
  "identity.login": { label: "Identity logged in", resourceType: "identity" },
  "identity-aws-auth.attach": { label: "AWS Auth added", resourceType: "identity" },
  "identity-aws-auth.update": { label: "AWS Auth changed", resourceType: "identity" },
  "identity-aws-auth.rebind": { label: "AWS principal re-bound", resourceType: "identity" },
  "identity-aws-auth.detach": { label: "AWS Auth removed", resourceType: "identity" },
  "identity-token.renew": { label: "Access token renewed", resourceType: "identity-access-token" },
  "identity-token.revoke": { label: "Access token revoked", resourceType: "identity-access-token" },
  "app-connection.create": { label: "AWS connected", resourceType: "app-connection" },
  "app-connection.update": { label: "App connection changed", resourceType: "app-connection" },
  "app-connection.test": { label: "App connection tested", resourceType: "app-connection" },
  "app-connection.delete": { label: "App connection deleted", resourceType: "app-connection" },
  "dynamic-secret.create": { label: "Dynamic secret added", resourceType: "dynamic-secret" },
  "dynamic-secret.update": { label: "Dynamic secret changed", resourceType: "dynamic-secret" },
  "dynamic-secret.delete": { label: "Dynamic secret deleted", resourceType: "dynamic-secret" },
  "dynamic-secret.orphans-delete": { label: "Orphaned IAM users deleted", resourceType: "dynamic-secret" },
  "lease.create": { label: "Lease generated", resourceType: "dynamic-secret-lease" },
  "lease.create-failed": { label: "Lease failed to start", resourceType: "dynamic-secret-lease" },
  "lease.renew": { label: "Lease renewed", resourceType: "dynamic-secret-lease" },
  "lease.revoke": { label: "Lease revoked", resourceType: "dynamic-secret-lease" },
  "lease.expire": { label: "Lease expired", resourceType: "dynamic-secret-lease" },
  "lease.revoke-failed": { label: "Lease revocation failed", resourceType: "dynamic-secret-lease" },
  "lease.force-revoke": { label: "Lease force-revoked", resourceType: "dynamic-secret-lease" },
} as const satisfies Record<string, ActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTIONS, value);
export const isAuditResourceType = (value: string): value is AuditResourceType =>
  Object.hasOwn(AUDIT_RESOURCE_TYPES, value);

/** The words for an action; an unknown one (a record older than this list) shows as it was written. */
export const auditActionLabel = (action: string) => (isAuditAction(action) ? AUDIT_ACTIONS[action].label : action);
export const auditResourceTypeLabel = (resourceType: string) =>
  isAuditResourceType(resourceType) ? AUDIT_RESOURCE_TYPES[resourceType] : resourceType;
