import type {
  createAppConnectionInputSchema,
  listAppConnectionsQuerySchema,
  serverPrincipalQuerySchema,
  updateAppConnectionInputSchema,
} from "#shared/schemas/app-connections.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const connection = lazySchema(() =>
  import("#shared/schemas/app-connections.ts").then((m) => m.appConnectionResponseSchema),
);
const base = "/api/v1/app-connections/aws";

/** AWS App Connections, with Infisical's paths. */
export const appConnectionRoutes = {
  list: route("GET", base, {
    operationId: "listAwsAppConnections",
    query: typeOf<typeof listAppConnectionsQuerySchema>(),
    response: lazySchema(() =>
      import("#shared/schemas/app-connections.ts").then((m) => m.listAppConnectionsResponseSchema),
    ),
  }),
  create: route("POST", base, {
    operationId: "createAwsAppConnection",
    body: typeOf<typeof createAppConnectionInputSchema>(),
    response: connection,
  }),
  serverPrincipal: route("GET", `${base}/server-principal`, {
    operationId: "getAwsServerPrincipal",
    query: typeOf<typeof serverPrincipalQuerySchema>(),
    response: lazySchema(() =>
      import("#shared/schemas/app-connections.ts").then((m) => m.serverPrincipalResponseSchema),
    ),
  }),
  getByName: route("GET", `${base}/connection-name/{connectionName}`, {
    operationId: "getAwsAppConnectionByName",
    query: typeOf<typeof listAppConnectionsQuerySchema>(),
    response: connection,
  }),
  get: route("GET", `${base}/{connectionId}`, { operationId: "getAwsAppConnection", response: connection }),
  update: route("PATCH", `${base}/{connectionId}`, {
    operationId: "updateAwsAppConnection",
    body: typeOf<typeof updateAppConnectionInputSchema>(),
    response: connection,
  }),
  delete: route("DELETE", `${base}/{connectionId}`, { operationId: "deleteAwsAppConnection", response: connection }),
  test: route("POST", `${base}/{connectionId}/test`, { operationId: "testAwsAppConnection", response: connection }),
};
