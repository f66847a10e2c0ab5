import { z } from "zod";

/*
 * A UI-only "Confirm password" field added to the shared input schemas with `.extend()`.
 * It never reaches the server: the forms strip it before submitting.
 */
export const confirmPasswordShape = { confirmPassword: z.string().min(1, "Repeat the password") };

export function passwordsMatch(values: { password: string; confirmPassword: string }): boolean {
  return values.password === values.confirmPassword;
}

export const passwordsMismatchIssue = { message: "The passwords do not match", path: ["confirmPassword"] };
