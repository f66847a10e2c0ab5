import {
  attachAwsAuthInputSchema,
  awsAuthLoginInputSchema,
  awsAuthLoginResponseSchema,
  identityAwsAuthResponseSchema,
  rebindPrincipalInputSchema,
  updateAwsAuthInputSchema,
} from "#shared/schemas/aws-auth.ts";
import { route } from "../route.ts";

const config = "/api/v1/auth/aws-auth/identities/{identityId}";

/** AWS Auth: a machine's login, and an identity's AWS Auth configuration. */
export const awsAuthRoutes = {
  login: route("POST", "/api/v1/auth/aws-auth/login", {
    operationId: "awsAuthLogin",
    body: awsAuthLoginInputSchema,
    response: awsAuthLoginResponseSchema,
  }),
  attach: route("POST", config, {
    operationId: "attachAwsAuth",
    body: attachAwsAuthInputSchema,
    response: identityAwsAuthResponseSchema,
  }),
  update: route("PATCH", config, {
    operationId: "updateAwsAuth",
    body: updateAwsAuthInputSchema,
    response: identityAwsAuthResponseSchema,
  }),
  get: route("GET", config, { operationId: "getAwsAuth", response: identityAwsAuthResponseSchema }),
  /** Detaches AWS Auth, which revokes every token issued through it. */
  detach: route("DELETE", config, { operationId: "detachAwsAuth", response: identityAwsAuthResponseSchema }),
  rebind: route("POST", `${config}/principal-bindings/rebind`, {
    operationId: "rebindAwsAuthPrincipal",
    body: rebindPrincipalInputSchema,
    response: identityAwsAuthResponseSchema,
  }),
};
