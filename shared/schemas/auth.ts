import { z } from "zod";
import { emailSchema, nameSchema, orgRoleSchema, timestampSchema } from "./common.ts";

/** Password rule: long enough to resist guessing; bounded so hashing stays cheap. */
const passwordSchema = z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters");

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });

export const setupInputSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  organizationName: nameSchema,
  projectName: nameSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const loginInputSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(256),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const acceptInviteInputSchema = z.object({
  token: z.string().min(16).max(256),
  name: nameSchema,
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInputSchema>;

const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  createdAt: timestampSchema,
});

const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: timestampSchema,
});

/** What the dashboard learns about the signed-in person. */
export const sessionResponseSchema = z.object({
  user: userSchema,
  organization: organizationSchema,
  orgRole: orgRoleSchema,
  /** Sent back in the X-CSRF-Token header on every cookie-authenticated write. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * GET /auth/session: the dashboard session of this browser, or none. Being signed out is an answer,
 * not an error, so a signed-out visit logs no failed request in the browser's console (issue 12).
 */
export const currentSessionResponseSchema = z.object({
  session: sessionResponseSchema.nullable(),
  /** Set when a session cookie was sent but the session has ended (idle or absolute timeout, signed out elsewhere). */
  reasonCode: z.literal("session_expired").optional(),
});
export type CurrentSessionResponse = z.infer<typeof currentSessionResponseSchema>;

export const setupResponseSchema = sessionResponseSchema.extend({
  project: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
});
