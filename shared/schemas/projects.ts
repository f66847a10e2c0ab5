import { z } from "zod";
import { nameSchema, paginationQuerySchema, projectRoleSchema, slugSchema, timestampSchema } from "./common.ts";

const environmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  position: z.number().int(),
});
export type Environment = z.infer<typeof environmentSchema>;

const projectSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  environments: z.array(environmentSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const listProjectsQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(128).optional(),
});
export const listProjectsResponseSchema = z.object({ projects: z.array(projectSchema), totalCount: z.number().int() });

export const createProjectInputSchema = z.object({
  name: nameSchema,
  /** Derived from the name when absent. */
  slug: slugSchema.optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectInputSchema>;

export const updateProjectInputSchema = z
  .object({ name: nameSchema.optional(), slug: slugSchema.optional() })
  .refine((v) => v.name !== undefined || v.slug !== undefined, { message: "Change the name or the slug" });

export const projectResponseSchema = z.object({ project: projectSchema });
/**
 * Infisical's name for a project lookup, `GET /api/v1/workspace/:projectId`: its CLI calls it first whenever it is
 * given a project ID (`--projectId`, or `.infisical.json`) and reads `workspace.slug` (issue 14, decision 1400).
 */
export const workspaceResponseSchema = z.object({ workspace: projectSchema });

export const createEnvironmentInputSchema = z.object({ name: nameSchema, slug: slugSchema });
export const updateEnvironmentInputSchema = z
  .object({ name: nameSchema.optional(), slug: slugSchema.optional() })
  .refine((v) => v.name !== undefined || v.slug !== undefined, { message: "Change the name or the slug" });
export const environmentResponseSchema = z.object({ environment: environmentSchema });

/** A person's membership in a project. Machine identities have their own (see identities). */
const projectMembershipSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: projectRoleSchema,
  createdAt: timestampSchema,
});
export type ProjectMembership = z.infer<typeof projectMembershipSchema>;

export const listProjectMembershipsResponseSchema = z.object({ memberships: z.array(projectMembershipSchema) });
export const addProjectMembershipInputSchema = z.object({
  userId: z.uuid(),
  role: projectRoleSchema.default("developer"),
});
export const updateProjectMembershipInputSchema = z.object({ role: projectRoleSchema });
export const projectMembershipResponseSchema = z.object({ membership: projectMembershipSchema });
