import type { OrgRole, ProjectRole } from "#shared/schemas/common.ts";
import type { TokenStatus } from "#shared/schemas/tokens.ts";

export const orgRoleOptions: { value: OrgRole; label: string; description: string }[] = [
  {
    value: "member",
    label: "Member",
    description: "Can read the organization's identities and connections, and create projects.",
  },
  {
    value: "admin",
    label: "Admin",
    description: "Can also manage members, identities and connections. Give this only to automation that needs it.",
  },
];

export const projectRoleOptions: { value: ProjectRole; label: string; description: string }[] = [
  { value: "viewer", label: "Viewer", description: "Reads the project, its dynamic secrets and leases." },
  { value: "developer", label: "Developer", description: "Also creates leases (short-lived AWS credentials)." },
  { value: "admin", label: "Admin", description: "Also manages the project, its members and dynamic secrets." },
];

export const orgRoleLabel = (role: OrgRole) => orgRoleOptions.find((o) => o.value === role)!.label;
export const projectRoleLabel = (role: ProjectRole) => projectRoleOptions.find((o) => o.value === role)!.label;

export const tokenStatusLabels: Record<TokenStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  exhausted: "Used up",
};
