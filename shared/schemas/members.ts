import { z } from "zod";
import { emailSchema, orgRoleSchema, paginationQuerySchema, timestampSchema } from "./common.ts";

const memberSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: orgRoleSchema,
  /** "invited" until the person has used the one-time setup link. */
  status: z.enum(["invited", "active"]),
  createdAt: timestampSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const listMembersQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(128).optional(),
});

export const listMembersResponseSchema = z.object({
  members: z.array(memberSchema),
  totalCount: z.number().int(),
});

export const addMemberInputSchema = z.object({ email: emailSchema, role: orgRoleSchema.default("member") });
export type AddMemberInput = z.infer<typeof addMemberInputSchema>;

export const addMemberResponseSchema = z.object({
  member: memberSchema,
  /** A one-time link; it is shown once and only its hash is stored. */
  setupLink: z.string(),
  setupLinkExpiresAt: timestampSchema,
});

export const updateMemberInputSchema = z.object({ role: orgRoleSchema });

export const memberResponseSchema = z.object({ member: memberSchema });
