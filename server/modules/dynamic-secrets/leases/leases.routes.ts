import { createRoute } from "@hono/zod-openapi";
import { dynamicSecretNameParamsSchema } from "#shared/schemas/dynamic-secrets.ts";
import {
  createLeaseInputSchema,
  createLeaseResponseSchema,
  leaseLocationQuerySchema,
  leaseParamsSchema,
  leaseResponseSchema,
  listLeasesQuerySchema,
  listLeasesResponseSchema,
  renewLeaseInputSchema,
  revokeLeaseInputSchema,
} from "#shared/schemas/leases.ts";
import { fieldsFromBodyOrQuery } from "../../../lib/http/body-or-query.ts";
import { createRouter, jsonBody, jsonResponse, requestContext } from "../../../lib/http/router.ts";
import { awsErrorResponses as r } from "../dynamic-secrets.routes.ts";
import type { LeasesService } from "./leases.service.ts";

const tags = ["Dynamic secret leases"];
const base = "/dynamic-secrets/leases";
const one = (description: string) => ({ 200: jsonResponse(leaseResponseSchema, description), ...r });
const revokeFields = fieldsFromBodyOrQuery(revokeLeaseInputSchema);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    operationId: "createDynamicSecretLease",
    tags,
    summary: "Lease AWS credentials (a new IAM user, or an STS session), returned once",
    request: { body: jsonBody(createLeaseInputSchema) },
    responses: { 200: jsonResponse(createLeaseResponseSchema, "The lease and its credentials (shown once)"), ...r },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{leaseId}`,
    operationId: "getDynamicSecretLease",
    tags,
    summary: "Get a lease",
    request: { params: leaseParamsSchema, query: leaseLocationQuerySchema },
    responses: one("The lease"),
  }),
  renew: createRoute({
    method: "post",
    path: `${base}/{leaseId}/renew`,
    operationId: "renewDynamicSecretLease",
    tags,
    summary: "Extend a lease from its current expiry, never past creation + max TTL",
    request: { params: leaseParamsSchema, body: jsonBody(renewLeaseInputSchema) },
    responses: one("The renewed lease"),
  }),
  revoke: createRoute({
    method: "delete",
    path: `${base}/{leaseId}`,
    operationId: "revokeDynamicSecretLease",
    tags,
    summary:
      "Revoke a lease: undo it at AWS (delete its user, or deny its session); " +
      "isForced marks it revoked even if that fails",
    middleware: [revokeFields.middleware],
    request: { params: leaseParamsSchema, ...revokeFields.request },
    responses: one("The revoked lease"),
  }),
  list: createRoute({
    method: "get",
    path: "/dynamic-secrets/{name}/leases",
    operationId: "listDynamicSecretLeases",
    tags,
    summary: "A dynamic secret's leases, newest first",
    request: { params: dynamicSecretNameParamsSchema, query: listLeasesQuerySchema },
    responses: { 200: jsonResponse(listLeasesResponseSchema, "A page of leases"), ...r },
  }),
};

export function leaseRoutes(leases: LeasesService) {
  return createRouter()
    .openapi(routes.create, async (c) => c.json(await leases.create(requestContext(c), c.req.valid("json")), 200))
    .openapi(routes.get, async (c) =>
      c.json({ lease: await leases.get(requestContext(c), c.req.valid("param").leaseId, c.req.valid("query")) }, 200),
    )
    .openapi(routes.renew, async (c) =>
      c.json({ lease: await leases.renew(requestContext(c), c.req.valid("param").leaseId, c.req.valid("json")) }, 200),
    )
    .openapi(routes.revoke, async (c) =>
      c.json(
        { lease: await leases.revoke(requestContext(c), c.req.valid("param").leaseId, revokeFields.read(c)) },
        200,
      ),
    )
    .openapi(routes.list, async (c) =>
      c.json(await leases.list(requestContext(c), c.req.valid("param").name, c.req.valid("query")), 200),
    );
}
