import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "../../context.ts";
import { AppError, badRequest } from "./errors.ts";
import { RequestValidationError } from "./router.ts";

/**
 * Infisical's SDK sends the fields of a DELETE (projectSlug, environmentSlug, path,
 * isForced) as a JSON body; curl users and some HTTP clients, which drop DELETE bodies,
 * send them as query parameters. A route built with this accepts either or both (the body
 * wins on a clash), validated by one schema and read by the handler with `read(c)`.
 *
 *   const fields = fieldsFromBodyOrQuery(deleteLeaseInputSchema);
 *   createRoute({ ..., middleware: [fields.middleware], request: { params, ...fields.request } })
 *   handler: fields.read(c)
 */
export function fieldsFromBodyOrQuery<S extends z.ZodType>(schema: S) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim() !== "") {
      if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
        throw new AppError(
          415,
          "unsupported_media_type",
          "Send the fields as a JSON body (Content-Type: application/json) or as query parameters",
        );
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw badRequest("invalid_json", "The request body is not valid JSON");
      }
      if (!body || typeof body !== "object" || Array.isArray(body))
        throw badRequest("invalid_request", "The request body must be a JSON object");
    }
    const parsed = schema.safeParse({ ...c.req.query(), ...(body as object) });
    if (!parsed.success) throw new RequestValidationError(parsed.error);
    c.req.addValidatedData("json", parsed.data as object);
    await next();
  });

  const { $schema: _ignored, ...bodySchema } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return {
    middleware,
    /** For the OpenAPI document: the fields as an optional JSON body (or the same names as query parameters). */
    request: {
      body: {
        required: false,
        description: "These fields may also be sent as query parameters.",
        content: { "application/json": { schema: bodySchema } },
      },
    },
    read: (c: Context): z.output<S> => (c.req as unknown as { valid(target: "json"): z.output<S> }).valid("json"),
  };
}
