import { type ProjectRole, projectRoleSchema } from "#shared/schemas/common.ts";

export const projectRoles = projectRoleSchema.options;

export const projectRoleLabels: Record<ProjectRole, string> = {
  admin: "Admin",
  developer: "Developer",
  viewer: "Viewer",
};
