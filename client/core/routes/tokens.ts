import type { accessTokenInputSchema, listIdentityTokensQuerySchema } from "#shared/schemas/tokens.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

/** Access tokens: a machine renews or revokes its own; an admin lists and revokes an identity's. */
export const tokenRoutes = {
  renew: route("POST", "/api/v1/auth/token/renew", {
    operationId: "renewAccessToken",
    body: typeOf<typeof accessTokenInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/tokens.ts").then((m) => m.accessTokenResponseSchema)),
  }),
  revoke: route("POST", "/api/v1/auth/token/revoke", {
    operationId: "revokeAccessToken",
    body: typeOf<typeof accessTokenInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/common.ts").then((m) => m.messageResponseSchema)),
  }),
  listForIdentity: route("GET", "/api/v1/identities/{identityId}/tokens", {
    operationId: "listIdentityTokens",
    query: typeOf<typeof listIdentityTokensQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/tokens.ts").then((m) => m.listIdentityTokensResponseSchema)),
  }),
  revokeForIdentity: route("POST", "/api/v1/identities/{identityId}/tokens/{tokenId}/revoke", {
    operationId: "revokeIdentityToken",
    response: lazySchema(() => import("#shared/schemas/tokens.ts").then((m) => m.identityAccessTokenResponseSchema)),
  }),
};
