import type { OrgRole, ProjectRole } from "./schemas/common.ts";

/**
 * What each role may do. The server's can() is the only enforcement; the dashboard
 * reads the same table to hide what a person cannot use.
 */
export const ORG_PERMISSIONS = {
  "org.read": ["admin", "member"],
  "members.manage": ["admin"],
  "identities.read": ["admin", "member"],
  "identities.manage": ["admin"],
  "connections.read": ["admin", "member"],
  "connections.manage": ["admin"],
  "audit.read": ["admin"],
  /** Overdue revocations across the org (the dashboard's banner). */
  "lease-health.read": ["admin"],
  "projects.create": ["admin", "member"],
} as const satisfies Record<string, readonly OrgRole[]>;

export const PROJECT_PERMISSIONS = {
  "project.read": ["admin", "developer", "viewer"],
  "project.update": ["admin"],
  "project.delete": ["admin"],
  "environments.manage": ["admin"],
  "project-members.manage": ["admin"],
  "connections.read": ["admin", "developer", "viewer"],
  "connections.manage": ["admin"],
  "connections.use": ["admin", "developer"],
  "dynamic-secrets.read": ["admin", "developer", "viewer"],
  "dynamic-secrets.manage": ["admin", "developer"],
  "leases.read": ["admin", "developer", "viewer"],
  "leases.create": ["admin", "developer"],
  "leases.manage": ["admin", "developer"],
  // Marks a lease revoked without confirmed AWS cleanup: an IAM user may be left behind.
  "leases.force-revoke": ["admin"],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type OrgAction = keyof typeof ORG_PERMISSIONS;
export type ProjectAction = keyof typeof PROJECT_PERMISSIONS;

export function orgRoleAllows(role: OrgRole, action: OrgAction): boolean {
  return (ORG_PERMISSIONS[action] as readonly OrgRole[]).includes(role);
}

export function projectRoleAllows(role: ProjectRole | null, action: ProjectAction): boolean {
  return role !== null && (PROJECT_PERMISSIONS[action] as readonly ProjectRole[]).includes(role);
}
