import { type OrgRole, orgRoleSchema } from "#shared/schemas/common.ts";

export const orgRoles = orgRoleSchema.options;

export const orgRoleLabels: Record<OrgRole, string> = {
  admin: "Admin",
  member: "Member",
};
