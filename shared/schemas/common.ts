import { z } from "zod";

export const timestampSchema = z.iso.datetime({ offset: true });

/** Offset pagination used by every list route. */
export const paginationQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const slugSchema = z
  .string()
  .trim()
  .min(1, "Enter a slug")
  .max(64, "A slug has at most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens");

export const nameSchema = z.string().trim().min(1, "Enter a name").max(128, "A name has at most 128 characters");

export const emailSchema = z
  .email("Enter a valid email address")
  .max(254)
  .transform((v) => v.toLowerCase());

export const messageResponseSchema = z.object({ message: z.string() });

/** Roles a person or machine identity can hold in a project. */
export const projectRoleSchema = z.enum(["admin", "developer", "viewer"]);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

/** Roles in an organisation. */
export const orgRoleSchema = z.enum(["admin", "member"]);
export type OrgRole = z.infer<typeof orgRoleSchema>;

/** Turns a display name into a slug suggestion ("My App" → "my-app"). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}
