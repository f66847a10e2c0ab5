import { z } from "zod";
import { nameSchema, orgRoleSchema, paginationQuerySchema, projectRoleSchema, timestampSchema } from "./common.ts";

/** The auth methods an identity can log in with. */
export const identityAuthMethodSchema = z.enum(["aws-auth"]);

const identitySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    orgId: z.uuid(),
    /** The identity's role in its organisation (org-level actions). */
    role: orgRoleSchema,
    authMethods: z.array(identityAuthMethodSchema),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Identity" });
export type Identity = z.infer<typeof identitySchema>;

export const createIdentityInputSchema = z.object({
  name: nameSchema,
  organizationId: z.uuid(),
  role: orgRoleSchema.default("member"),
});
export type CreateIdentityInput = z.infer<typeof createIdentityInputSchema>;

export const updateIdentityInputSchema = z
  .object({ name: nameSchema.optional(), role: orgRoleSchema.optional() })
  .refine((v) => v.name !== undefined || v.role !== undefined, { message: "Change the name or the role" });
export type UpdateIdentityInput = z.infer<typeof updateIdentityInputSchema>;

export const identityResponseSchema = z.object({ identity: identitySchema });

export const listIdentitiesQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(128).optional(),
});
export type ListIdentitiesQuery = z.infer<typeof listIdentitiesQuerySchema>;

export const listIdentitiesResponseSchema = z.object({
  identities: z.array(identitySchema),
  totalCount: z.number().int(),
});

/** A machine identity's membership in one project. Without one, it can do nothing there. */
const identityMembershipSchema = z
  .object({
    id: z.uuid(),
    identityId: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    projectSlug: z.string(),
    role: projectRoleSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: "IdentityProjectMembership" });
export type IdentityMembership = z.infer<typeof identityMembershipSchema>;

export const addIdentityMembershipInputSchema = z.object({
  projectId: z.uuid("Choose a project"),
  /** Least privilege unless asked: a viewer can read, not lease. */
  role: projectRoleSchema.default("viewer"),
});

export const updateIdentityMembershipInputSchema = z.object({ role: projectRoleSchema });

export const identityMembershipResponseSchema = z.object({ membership: identityMembershipSchema });
export const listIdentityMembershipsResponseSchema = z.object({ memberships: z.array(identityMembershipSchema) });
