import type {
  attachAwsAuthInputSchema,
  awsAuthLoginInputSchema,
  rebindPrincipalInputSchema,
  updateAwsAuthInputSchema,
} from "#shared/schemas/aws-auth.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const awsAuth = lazySchema(() => import("#shared/schemas/aws-auth.ts").then((m) => m.identityAwsAuthResponseSchema));
const config = "/api/v1/auth/aws-auth/identities/{identityId}";

/** AWS Auth: a machine's login, and an identity's AWS Auth configuration. */
export const awsAuthRoutes = {
  login: route("POST", "/api/v1/auth/aws-auth/login", {
    operationId: "awsAuthLogin",
    body: typeOf<typeof awsAuthLoginInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/aws-auth.ts").then((m) => m.awsAuthLoginResponseSchema)),
  }),
  attach: route("POST", config, {
    operationId: "attachAwsAuth",
    body: typeOf<typeof attachAwsAuthInputSchema>(),
    response: awsAuth,
  }),
  update: route("PATCH", config, {
    operationId: "updateAwsAuth",
    body: typeOf<typeof updateAwsAuthInputSchema>(),
    response: awsAuth,
  }),
  get: route("GET", config, { operationId: "getAwsAuth", response: awsAuth }),
  /** Detaches AWS Auth, which revokes every token issued through it. */
  detach: route("DELETE", config, { operationId: "detachAwsAuth", response: awsAuth }),
  rebind: route("POST", `${config}/principal-bindings/rebind`, {
    operationId: "rebindAwsAuthPrincipal",
    body: typeOf<typeof rebindPrincipalInputSchema>(),
    response: awsAuth,
  }),
};
