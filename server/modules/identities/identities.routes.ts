import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  addIdentityMembershipInputSchema,
  createIdentityInputSchema,
  identityMembershipResponseSchema,
  identityResponseSchema,
  listIdentitiesQuerySchema,
  listIdentitiesResponseSchema,
  listIdentityMembershipsResponseSchema,
  updateIdentityInputSchema,
  updateIdentityMembershipInputSchema,
} from "#shared/schemas/identities.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { IdentitiesService } from "./identities.service.ts";
import type { IdentityMembershipsService } from "./identity-memberships.service.ts";

const r = errorResponses;
const tags = ["Machine identities"];
const identityParams = z.object({ identityId: z.uuid() });
const membershipParams = identityParams.extend({ membershipId: z.uuid() });

const routes = {
  create: createRoute({
    method: "post",
    path: "/identities",
    operationId: "createIdentity",
    tags,
    summary: "Create a machine identity",
    request: { body: jsonBody(createIdentityInputSchema) },
    responses: { 200: jsonResponse(identityResponseSchema, "The new identity"), ...r },
  }),
  list: createRoute({
    method: "get",
    path: "/organizations/{orgId}/identities",
    operationId: "listIdentities",
    tags,
    summary: "List the organisation's machine identities",
    request: { params: z.object({ orgId: z.uuid() }), query: listIdentitiesQuerySchema },
    responses: { 200: jsonResponse(listIdentitiesResponseSchema, "A page of identities"), ...r },
  }),
  get: createRoute({
    method: "get",
    path: "/identities/{identityId}",
    operationId: "getIdentity",
    tags,
    summary: "Get a machine identity",
    request: { params: identityParams },
    responses: { 200: jsonResponse(identityResponseSchema, "The identity"), ...r },
  }),
  update: createRoute({
    method: "patch",
    path: "/identities/{identityId}",
    operationId: "updateIdentity",
    tags,
    summary: "Rename an identity or change its org role",
    request: { params: identityParams, body: jsonBody(updateIdentityInputSchema) },
    responses: { 200: jsonResponse(identityResponseSchema, "The identity"), ...r },
  }),
  remove: createRoute({
    method: "delete",
    path: "/identities/{identityId}",
    operationId: "deleteIdentity",
    tags,
    summary: "Delete an identity and revoke all of its tokens",
    request: { params: identityParams },
    responses: { 200: jsonResponse(identityResponseSchema, "The deleted identity"), ...r },
  }),
  listMemberships: createRoute({
    method: "get",
    path: "/identities/{identityId}/memberships",
    operationId: "listIdentityMemberships",
    tags,
    summary: "List an identity's project memberships",
    request: { params: identityParams },
    responses: { 200: jsonResponse(listIdentityMembershipsResponseSchema, "The memberships"), ...r },
  }),
  addMembership: createRoute({
    method: "post",
    path: "/identities/{identityId}/memberships",
    operationId: "addIdentityMembership",
    tags,
    summary: "Add an identity to a project with a role",
    request: { params: identityParams, body: jsonBody(addIdentityMembershipInputSchema) },
    responses: { 200: jsonResponse(identityMembershipResponseSchema, "The membership"), ...r },
  }),
  updateMembership: createRoute({
    method: "patch",
    path: "/identities/{identityId}/memberships/{membershipId}",
    operationId: "updateIdentityMembership",
    tags,
    summary: "Change an identity's project role",
    request: { params: membershipParams, body: jsonBody(updateIdentityMembershipInputSchema) },
    responses: { 200: jsonResponse(identityMembershipResponseSchema, "The membership"), ...r },
  }),
  removeMembership: createRoute({
    method: "delete",
    path: "/identities/{identityId}/memberships/{membershipId}",
    operationId: "removeIdentityMembership",
    tags,
    summary: "Remove an identity from a project",
    request: { params: membershipParams },
    responses: { 200: jsonResponse(identityMembershipResponseSchema, "The removed membership"), ...r },
  }),
};

export function identityRoutes(identities: IdentitiesService, memberships: IdentityMembershipsService) {
  return createRouter()
    .openapi(routes.create, async (c) =>
      c.json({ identity: await identities.create(requestContext(c), c.req.valid("json")) }, 200),
    )
    .openapi(routes.list, async (c) =>
      c.json(await identities.list(requestContext(c), c.req.valid("param").orgId, c.req.valid("query")), 200),
    )
    .openapi(routes.get, async (c) =>
      c.json({ identity: await identities.get(requestContext(c), c.req.valid("param").identityId) }, 200),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        { identity: await identities.update(requestContext(c), c.req.valid("param").identityId, c.req.valid("json")) },
        200,
      ),
    )
    .openapi(routes.remove, async (c) =>
      c.json({ identity: await identities.remove(requestContext(c), c.req.valid("param").identityId) }, 200),
    )
    .openapi(routes.listMemberships, async (c) =>
      c.json(await memberships.list(requestContext(c), c.req.valid("param").identityId), 200),
    )
    .openapi(routes.addMembership, async (c) =>
      c.json(
        { membership: await memberships.add(requestContext(c), c.req.valid("param").identityId, c.req.valid("json")) },
        200,
      ),
    )
    .openapi(routes.updateMembership, async (c) => {
      const { identityId, membershipId } = c.req.valid("param");
      return c.json(
        { membership: await memberships.update(requestContext(c), identityId, membershipId, c.req.valid("json").role) },
        200,
      );
    })
    .openapi(routes.removeMembership, async (c) => {
      const { identityId, membershipId } = c.req.valid("param");
      return c.json({ membership: await memberships.remove(requestContext(c), identityId, membershipId) }, 200);
    });
}
