import { z } from "zod";

/** One field-level problem, as produced from a zod issue. */
const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/**
 * The single error body every route answers with (see ../shared/API.md).
 * `reasonCode` is a stable machine-readable cause; `issues` lists field problems.
 */
export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    requestId: z.string(),
    reasonCode: z.string().optional(),
    issues: z.array(issueSchema).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "ErrorBody" });
export type ErrorBody = z.infer<typeof errorBodySchema>;
