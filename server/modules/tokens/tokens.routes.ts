import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { messageResponseSchema } from "#shared/schemas/common.ts";
import {
  accessTokenInputSchema,
  accessTokenResponseSchema,
  identityAccessTokenResponseSchema,
  listIdentityTokensQuerySchema,
  listIdentityTokensResponseSchema,
} from "#shared/schemas/tokens.ts";
import type { AppEnv } from "../../context.ts";
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  PUBLIC_ROUTE,
  requestContext,
} from "../../lib/http/router.ts";
import type { RequestMeta, TokensService } from "./tokens.service.ts";

const r = errorResponses;
const identityParams = z.object({ identityId: z.uuid() });
const tokenParams = identityParams.extend({ tokenId: z.uuid() });

const routes = {
  renew: createRoute({
    ...PUBLIC_ROUTE,
    method: "post",
    path: "/auth/token/renew",
    operationId: "renewAccessToken",
    tags: ["Access tokens"],
    summary: "Extend an access token's TTL, up to its creation + max TTL",
    request: { body: jsonBody(accessTokenInputSchema) },
    responses: { 200: jsonResponse(accessTokenResponseSchema, "The renewed token"), ...r },
  }),
  revoke: createRoute({
    ...PUBLIC_ROUTE,
    method: "post",
    path: "/auth/token/revoke",
    operationId: "revokeAccessToken",
    tags: ["Access tokens"],
    summary: "Revoke an access token",
    request: { body: jsonBody(accessTokenInputSchema) },
    responses: { 200: jsonResponse(messageResponseSchema, "Revoked"), ...r },
  }),
  list: createRoute({
    method: "get",
    path: "/identities/{identityId}/tokens",
    operationId: "listIdentityTokens",
    tags: ["Access tokens"],
    summary: "List an identity's access tokens (never the tokens themselves)",
    request: { params: identityParams, query: listIdentityTokensQuerySchema },
    responses: { 200: jsonResponse(listIdentityTokensResponseSchema, "A page of tokens"), ...r },
  }),
  revokeById: createRoute({
    method: "post",
    path: "/identities/{identityId}/tokens/{tokenId}/revoke",
    operationId: "revokeIdentityToken",
    tags: ["Access tokens"],
    summary: "Revoke one of an identity's access tokens",
    request: { params: tokenParams },
    responses: { 200: jsonResponse(identityAccessTokenResponseSchema, "The revoked token"), ...r },
  }),
};

/** Renew and revoke are public: the token in the body is the credential. */
export const requestMeta = (c: Context<AppEnv>): RequestMeta => ({
  ip: c.get("clientIp"),
  userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
  requestId: c.get("requestId"),
});

export function tokenRoutes(tokens: TokensService) {
  return createRouter()
    .openapi(routes.renew, async (c) =>
      c.json(await tokens.renew(c.req.valid("json").accessToken, requestMeta(c)), 200),
    )
    .openapi(routes.revoke, async (c) =>
      c.json(await tokens.revokeByToken(c.req.valid("json").accessToken, requestMeta(c)), 200),
    )
    .openapi(routes.list, async (c) =>
      c.json(await tokens.list(requestContext(c), c.req.valid("param").identityId, c.req.valid("query")), 200),
    )
    .openapi(routes.revokeById, async (c) => {
      const { identityId, tokenId } = c.req.valid("param");
      return c.json({ token: await tokens.revokeById(requestContext(c), identityId, tokenId) }, 200);
    });
}
