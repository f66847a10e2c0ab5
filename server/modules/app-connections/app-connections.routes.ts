import { createRoute } from "@hono/zod-openapi";
import {
  appConnectionResponseSchema,
  connectionIdParamsSchema,
  connectionNameParamsSchema,
  createAppConnectionInputSchema,
  listAppConnectionsQuerySchema,
  listAppConnectionsResponseSchema,
  serverPrincipalQuerySchema,
  serverPrincipalResponseSchema,
  updateAppConnectionInputSchema,
} from "#shared/schemas/app-connections.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { AppConnectionsService } from "./app-connections.service.ts";

const r = {
  ...errorResponses,
  502: { description: "AWS could not be reached", content: errorResponses[400].content },
  503: { description: "AWS is throttling requests", content: errorResponses[400].content },
  504: { description: "AWS did not answer in time", content: errorResponses[400].content },
};
const tags = ["AWS App Connections"];
const base = "/app-connections/aws";
const one = (description: string) => ({ 200: jsonResponse(appConnectionResponseSchema, description), ...r });

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    operationId: "listAwsAppConnections",
    tags,
    summary: "List the organization's connections, or those a project may use (its own and the organization's)",
    request: { query: listAppConnectionsQuerySchema },
    responses: { 200: jsonResponse(listAppConnectionsResponseSchema, "Connections"), ...r },
  }),
  serverPrincipal: createRoute({
    method: "get",
    path: `${base}/server-principal`,
    operationId: "getAwsServerPrincipal",
    tags,
    summary: "Leasehold's own AWS principal (live GetCallerIdentity), to name in a role's trust policy",
    request: { query: serverPrincipalQuerySchema },
    responses: { 200: jsonResponse(serverPrincipalResponseSchema, "The server's principal"), ...r },
  }),
  byName: createRoute({
    method: "get",
    path: `${base}/connection-name/{connectionName}`,
    operationId: "getAwsAppConnectionByName",
    tags,
    summary: "Get a connection by name (the organization's, or a project's with ?projectId=)",
    request: { params: connectionNameParamsSchema, query: listAppConnectionsQuerySchema },
    responses: one("The connection"),
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{connectionId}`,
    operationId: "getAwsAppConnection",
    tags,
    summary: "Get a connection",
    request: { params: connectionIdParamsSchema },
    responses: one("The connection"),
  }),
  create: createRoute({
    method: "post",
    path: base,
    operationId: "createAwsAppConnection",
    tags,
    summary: "Create a connection after validating it with AWS (AssumeRole, then GetCallerIdentity)",
    request: { body: jsonBody(createAppConnectionInputSchema) },
    responses: one("The new connection"),
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{connectionId}`,
    operationId: "updateAwsAppConnection",
    tags,
    summary: "Rename a connection, change its description, or replace its credentials (validated with AWS)",
    request: { params: connectionIdParamsSchema, body: jsonBody(updateAppConnectionInputSchema) },
    responses: one("The connection"),
  }),
  test: createRoute({
    method: "post",
    path: `${base}/{connectionId}/test`,
    operationId: "testAwsAppConnection",
    tags,
    summary: "Re-validate a stored connection with AWS and record its status",
    request: { params: connectionIdParamsSchema },
    responses: one("The connection, validated"),
  }),
  remove: createRoute({
    method: "delete",
    path: `${base}/{connectionId}`,
    operationId: "deleteAwsAppConnection",
    tags,
    summary: "Delete a connection; refused with 409 while dynamic secrets use it",
    request: { params: connectionIdParamsSchema },
    responses: one("The deleted connection"),
  }),
};

export function appConnectionRoutes(appConnections: AppConnectionsService) {
  return createRouter()
    .openapi(routes.list, async (c) =>
      c.json({ appConnections: await appConnections.list(requestContext(c), c.req.valid("query").projectId) }, 200),
    )
    .openapi(routes.serverPrincipal, async (c) =>
      c.json(await appConnections.serverPrincipal(requestContext(c), c.req.valid("query").projectId), 200),
    )
    .openapi(routes.byName, async (c) =>
      c.json(
        {
          appConnection: await appConnections.getByName(
            requestContext(c),
            c.req.valid("param").connectionName,
            c.req.valid("query").projectId,
          ),
        },
        200,
      ),
    )
    .openapi(routes.get, async (c) =>
      c.json({ appConnection: await appConnections.get(requestContext(c), c.req.valid("param").connectionId) }, 200),
    )
    .openapi(routes.create, async (c) =>
      c.json({ appConnection: await appConnections.create(requestContext(c), c.req.valid("json")) }, 200),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        {
          appConnection: await appConnections.update(
            requestContext(c),
            c.req.valid("param").connectionId,
            c.req.valid("json"),
          ),
        },
        200,
      ),
    )
    .openapi(routes.test, async (c) =>
      c.json({ appConnection: await appConnections.test(requestContext(c), c.req.valid("param").connectionId) }, 200),
    )
    .openapi(routes.remove, async (c) =>
      c.json({ appConnection: await appConnections.remove(requestContext(c), c.req.valid("param").connectionId) }, 200),
    );
}
