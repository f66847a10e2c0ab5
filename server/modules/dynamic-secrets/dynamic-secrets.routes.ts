import { createRoute } from "@hono/zod-openapi";
import {
  createDynamicSecretInputSchema,
  deleteDynamicSecretInputSchema,
  deleteOrphansInputSchema,
  deleteOrphansResponseSchema,
  dynamicSecretNameParamsSchema,
  dynamicSecretResponseSchema,
  listDynamicSecretsResponseSchema,
  listOrphansResponseSchema,
  lowercasedNameParamsSchema,
  secretLocationSchema,
  testDynamicSecretInputSchema,
  testDynamicSecretResponseSchema,
  updateDynamicSecretInputSchema,
  usernamePreviewInputSchema,
  usernamePreviewResponseSchema,
} from "#shared/schemas/dynamic-secrets.ts";
import { fieldsFromBodyOrQuery } from "../../lib/http/body-or-query.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { DynamicSecretChecks } from "./dynamic-secret-checks.ts";
import type { createDynamicSecretOrphans } from "./dynamic-secret-orphans.ts";
import type { DynamicSecretsService } from "./dynamic-secrets.service.ts";

export const awsErrorResponses = {
  ...errorResponses,
  502: { description: "AWS could not be reached, or failed", content: errorResponses[400].content },
};
const r = awsErrorResponses;
const tags = ["Dynamic secrets"];
const base = "/dynamic-secrets";
const one = (description: string) => ({ 200: jsonResponse(dynamicSecretResponseSchema, description), ...r });
const deleteFields = fieldsFromBodyOrQuery(deleteDynamicSecretInputSchema);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    operationId: "createDynamicSecret",
    tags,
    summary: "Create an AWS IAM dynamic secret (every AWS limit is checked here, not at lease time)",
    request: { body: jsonBody(createDynamicSecretInputSchema) },
    responses: one("The new dynamic secret"),
  }),
  list: createRoute({
    method: "get",
    path: base,
    operationId: "listDynamicSecrets",
    tags,
    summary: "List the dynamic secrets at a location",
    request: { query: secretLocationSchema },
    responses: { 200: jsonResponse(listDynamicSecretsResponseSchema, "The dynamic secrets"), ...r },
  }),
  testConfiguration: createRoute({
    method: "post",
    path: `${base}/test-configuration`,
    operationId: "testDynamicSecretConfiguration",
    tags,
    summary:
      "Check that the managing credentials work (GetCallerIdentity) and that IAM answers, without creating anything",
    request: { body: jsonBody(testDynamicSecretInputSchema) },
    responses: { 200: jsonResponse(testDynamicSecretResponseSchema, "Which checks passed"), ...r },
  }),
  usernamePreview: createRoute({
    method: "post",
    path: `${base}/username-preview`,
    operationId: "previewDynamicSecretUsername",
    tags,
    summary: "Render a username template for the caller, as a lease would",
    request: { body: jsonBody(usernamePreviewInputSchema) },
    responses: { 200: jsonResponse(usernamePreviewResponseSchema, "The rendered IAM user name"), ...r },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{name}`,
    operationId: "getDynamicSecret",
    tags,
    summary: "Get a dynamic secret (its secret key is never returned)",
    request: { params: dynamicSecretNameParamsSchema, query: secretLocationSchema },
    responses: one("The dynamic secret"),
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{name}`,
    operationId: "updateDynamicSecret",
    tags,
    summary: "Update a dynamic secret; inputs are merged, and the secret key is kept unless a new one is sent",
    request: { params: lowercasedNameParamsSchema, body: jsonBody(updateDynamicSecretInputSchema) },
    responses: one("The dynamic secret"),
  }),
  remove: createRoute({
    method: "delete",
    path: `${base}/{name}`,
    operationId: "deleteDynamicSecret",
    tags,
    summary: "Delete a dynamic secret after revoking all of its leases (isForced: even when AWS cleanup fails)",
    middleware: [deleteFields.middleware],
    request: { params: lowercasedNameParamsSchema, ...deleteFields.request },
    responses: one("The deleted dynamic secret"),
  }),
  orphans: createRoute({
    method: "get",
    path: `${base}/{name}/orphans`,
    operationId: "listDynamicSecretOrphans",
    tags,
    summary: "IAM users under the secret's path, tagged as Leasehold's, without a live lease",
    request: { params: dynamicSecretNameParamsSchema, query: secretLocationSchema },
    responses: { 200: jsonResponse(listOrphansResponseSchema, "Orphaned IAM users"), ...r },
  }),
  deleteOrphans: createRoute({
    method: "post",
    path: `${base}/{name}/orphans/delete`,
    operationId: "deleteDynamicSecretOrphans",
    tags,
    summary: "Delete orphaned IAM users (each only if it is still an orphan)",
    request: { params: dynamicSecretNameParamsSchema, body: jsonBody(deleteOrphansInputSchema) },
    responses: { 200: jsonResponse(deleteOrphansResponseSchema, "What was deleted"), ...r },
  }),
};

export function dynamicSecretRoutes(
  dynamicSecrets: DynamicSecretsService,
  checks: DynamicSecretChecks,
  orphans: ReturnType<typeof createDynamicSecretOrphans>,
) {
  return createRouter()
    .openapi(routes.create, async (c) =>
      c.json({ dynamicSecret: await dynamicSecrets.create(requestContext(c), c.req.valid("json")) }, 200),
    )
    .openapi(routes.list, async (c) =>
      c.json({ dynamicSecrets: await dynamicSecrets.list(requestContext(c), c.req.valid("query")) }, 200),
    )
    .openapi(routes.testConfiguration, async (c) =>
      c.json(await checks.testConfiguration(requestContext(c), c.req.valid("json")), 200),
    )
    .openapi(routes.usernamePreview, async (c) =>
      c.json(checks.previewUsername(requestContext(c), c.req.valid("json")), 200),
    )
    .openapi(routes.get, async (c) =>
      c.json(
        { dynamicSecret: await dynamicSecrets.get(requestContext(c), c.req.valid("param").name, c.req.valid("query")) },
        200,
      ),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        {
          dynamicSecret: await dynamicSecrets.update(requestContext(c), c.req.valid("param").name, c.req.valid("json")),
        },
        200,
      ),
    )
    .openapi(routes.remove, async (c) =>
      c.json(
        {
          dynamicSecret: await dynamicSecrets.remove(
            requestContext(c),
            c.req.valid("param").name,
            deleteFields.read(c),
          ),
        },
        200,
      ),
    )
    .openapi(routes.orphans, async (c) =>
      c.json(await orphans.list(requestContext(c), c.req.valid("param").name, c.req.valid("query")), 200),
    )
    .openapi(routes.deleteOrphans, async (c) =>
      c.json(await orphans.remove(requestContext(c), c.req.valid("param").name, c.req.valid("json")), 200),
    );
}
