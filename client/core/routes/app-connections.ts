import {
  appConnectionResponseSchema,
  createAppConnectionInputSchema,
  listAppConnectionsQuerySchema,
  listAppConnectionsResponseSchema,
  serverPrincipalQuerySchema,
  serverPrincipalResponseSchema,
  updateAppConnectionInputSchema,
} from "#shared/schemas/app-connections.ts";
import { route } from "../route.ts";

const base = "/api/v1/app-connections/aws";

/** AWS App Connections, with Infisical's paths. */
export const appConnectionRoutes = {
  list: route("GET", base, {
    operationId: "listAwsAppConnections",
    query: listAppConnectionsQuerySchema,
    response: listAppConnectionsResponseSchema,
  }),
  create: route("POST", base, {
    operationId: "createAwsAppConnection",
    body: createAppConnectionInputSchema,
    response: appConnectionResponseSchema,
  }),
  serverPrincipal: route("GET", `${base}/server-principal`, {
    operationId: "getAwsServerPrincipal",
    query: serverPrincipalQuerySchema,
    response: serverPrincipalResponseSchema,
  }),
  getByName: route("GET", `${base}/connection-name/{connectionName}`, {
    operationId: "getAwsAppConnectionByName",
    query: listAppConnectionsQuerySchema,
    response: appConnectionResponseSchema,
  }),
  get: route("GET", `${base}/{connectionId}`, {
    operationId: "getAwsAppConnection",
    response: appConnectionResponseSchema,
  }),
  update: route("PATCH", `${base}/{connectionId}`, {
    operationId: "updateAwsAppConnection",
    body: updateAppConnectionInputSchema,
    response: appConnectionResponseSchema,
  }),
  delete: route("DELETE", `${base}/{connectionId}`, {
    operationId: "deleteAwsAppConnection",
    response: appConnectionResponseSchema,
  }),
  test: route("POST", `${base}/{connectionId}/test`, {
    operationId: "testAwsAppConnection",
    response: appConnectionResponseSchema,
  }),
};
