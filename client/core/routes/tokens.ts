import { messageResponseSchema } from "#shared/schemas/common.ts";
import {
  accessTokenInputSchema,
  accessTokenResponseSchema,
  identityAccessTokenResponseSchema,
  listIdentityTokensQuerySchema,
  listIdentityTokensResponseSchema,
} from "#shared/schemas/tokens.ts";
import { route } from "../route.ts";

/** Access tokens: a machine renews or revokes its own; an admin lists and revokes an identity's. */
export const tokenRoutes = {
  renew: route("POST", "/api/v1/auth/token/renew", {
    operationId: "renewAccessToken",
    body: accessTokenInputSchema,
    response: accessTokenResponseSchema,
  }),
  revoke: route("POST", "/api/v1/auth/token/revoke", {
    operationId: "revokeAccessToken",
    body: accessTokenInputSchema,
    response: messageResponseSchema,
  }),
  listForIdentity: route("GET", "/api/v1/identities/{identityId}/tokens", {
    operationId: "listIdentityTokens",
    query: listIdentityTokensQuerySchema,
    response: listIdentityTokensResponseSchema,
  }),
  revokeForIdentity: route("POST", "/api/v1/identities/{identityId}/tokens/{tokenId}/revoke", {
    operationId: "revokeIdentityToken",
    response: identityAccessTokenResponseSchema,
  }),
};
