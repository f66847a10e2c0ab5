import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  attachAwsAuthInputSchema,
  awsAuthLoginInputSchema,
  awsAuthLoginResponseSchema,
  identityAwsAuthResponseSchema,
  rebindPrincipalInputSchema,
  updateAwsAuthInputSchema,
} from "#shared/schemas/aws-auth.ts";
import { AppError } from "../../lib/http/errors.ts";
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  PUBLIC_ROUTE,
  requestContext,
} from "../../lib/http/router.ts";
import { requestMeta } from "../tokens/tokens.routes.ts";
import type { AwsAuthService } from "./aws-auth.service.ts";
import type { AwsAuthLoginService } from "./aws-auth-login.service.ts";

const r = {
  ...errorResponses,
  502: { description: "AWS STS could not be reached", content: errorResponses[400].content },
};
const tags = ["AWS Auth"];
const params = z.object({ identityId: z.uuid() });
const path = "/auth/aws-auth/identities/{identityId}";
const configResponse = jsonResponse(identityAwsAuthResponseSchema, "The identity's AWS Auth configuration");

const routes = {
  login: createRoute({
    ...PUBLIC_ROUTE,
    method: "post",
    path: "/auth/aws-auth/login",
    operationId: "awsAuthLogin",
    tags,
    summary: "Log in with a signed STS GetCallerIdentity request and get an access token",
    request: { body: jsonBody(awsAuthLoginInputSchema) },
    responses: { 200: jsonResponse(awsAuthLoginResponseSchema, "An access token"), ...r },
  }),
  attach: createRoute({
    method: "post",
    path,
    operationId: "attachAwsAuth",
    tags,
    summary: "Attach AWS Auth to an identity",
    request: { params, body: jsonBody(attachAwsAuthInputSchema) },
    responses: { 200: configResponse, ...r },
  }),
  update: createRoute({
    method: "patch",
    path,
    operationId: "updateAwsAuth",
    tags,
    summary: "Update an identity's AWS Auth (every field optional)",
    request: { params, body: jsonBody(updateAwsAuthInputSchema) },
    responses: { 200: configResponse, ...r },
  }),
  get: createRoute({
    method: "get",
    path,
    operationId: "getAwsAuth",
    tags,
    summary: "Read an identity's AWS Auth",
    request: { params },
    responses: { 200: configResponse, ...r },
  }),
  rebind: createRoute({
    method: "post",
    path: `${path}/principal-bindings/rebind`,
    operationId: "rebindAwsAuthPrincipal",
    tags,
    summary:
      "Re-bind an allowed principal ARN to the principal that has that name now (after a deliberate re-creation)",
    request: { params, body: jsonBody(rebindPrincipalInputSchema) },
    responses: { 200: configResponse, ...r },
  }),
  detach: createRoute({
    method: "delete",
    path,
    operationId: "detachAwsAuth",
    tags,
    summary: "Detach AWS Auth and revoke every token it issued",
    request: { params },
    responses: { 200: configResponse, ...r },
  }),
};

export function awsAuthRoutes(awsAuth: AwsAuthService, login: AwsAuthLoginService) {
  return createRouter()
    .openapi(routes.login, async (c) => {
      const input = c.req.valid("json");
      const logger = c.get("logger");
      try {
        // A success is in the audit log (identity.login, with the principal ARN) and the request log.
        return c.json((await login.login(input, requestMeta(c))).response, 200);
      } catch (error) {
        // Failed logins are what an operator investigates; the reason, never the request's headers.
        if (error instanceof AppError)
          logger.warn(
            { identityId: input.identityId, status: error.status, reasonCode: error.code, reason: error.message },
            "aws auth login refused",
          );
        throw error;
      }
    })
    .openapi(routes.attach, async (c) =>
      c.json(
        {
          identityAwsAuth: await awsAuth.attach(
            requestContext(c),
            c.req.valid("param").identityId,
            c.req.valid("json"),
          ),
        },
        200,
      ),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        {
          identityAwsAuth: await awsAuth.update(
            requestContext(c),
            c.req.valid("param").identityId,
            c.req.valid("json"),
          ),
        },
        200,
      ),
    )
    .openapi(routes.get, async (c) =>
      c.json({ identityAwsAuth: await awsAuth.get(requestContext(c), c.req.valid("param").identityId) }, 200),
    )
    .openapi(routes.rebind, async (c) =>
      c.json(
        {
          identityAwsAuth: await awsAuth.rebind(
            requestContext(c),
            c.req.valid("param").identityId,
            c.req.valid("json").principalArn,
          ),
        },
        200,
      ),
    )
    .openapi(routes.detach, async (c) =>
      c.json({ identityAwsAuth: await awsAuth.detach(requestContext(c), c.req.valid("param").identityId) }, 200),
    );
}
