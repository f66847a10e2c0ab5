import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  addMemberInputSchema,
  addMemberResponseSchema,
  listMembersQuerySchema,
  listMembersResponseSchema,
  memberResponseSchema,
  updateMemberInputSchema,
} from "#shared/schemas/members.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { MembersService } from "./members.service.ts";

const tags = ["Members"];
const orgParams = z.object({ orgId: z.uuid() });
const memberParams = orgParams.extend({ memberId: z.uuid() });

const list = createRoute({
  method: "get",
  path: "/organizations/{orgId}/members",
  operationId: "listMembers",
  tags,
  summary: "List the organisation's members",
  request: { params: orgParams, query: listMembersQuerySchema },
  responses: { 200: jsonResponse(listMembersResponseSchema, "A page of members"), ...errorResponses },
});
const add = createRoute({
  method: "post",
  path: "/organizations/{orgId}/members",
  operationId: "addMember",
  tags,
  summary: "Add a member and get a one-time setup link",
  request: { params: orgParams, body: jsonBody(addMemberInputSchema) },
  responses: {
    200: jsonResponse(addMemberResponseSchema, "The member and their setup link, shown once"),
    ...errorResponses,
  },
});
const update = createRoute({
  method: "patch",
  path: "/organizations/{orgId}/members/{memberId}",
  operationId: "updateMember",
  tags,
  summary: "Change a member's role",
  request: { params: memberParams, body: jsonBody(updateMemberInputSchema) },
  responses: { 200: jsonResponse(memberResponseSchema, "The updated member"), ...errorResponses },
});
const remove = createRoute({
  method: "delete",
  path: "/organizations/{orgId}/members/{memberId}",
  operationId: "removeMember",
  tags,
  summary: "Remove a member",
  request: { params: memberParams },
  responses: { 200: jsonResponse(memberResponseSchema, "The removed member"), ...errorResponses },
});

export function memberRoutes(members: MembersService, publicUrl: string | undefined) {
  return createRouter()
    .openapi(list, async (c) =>
      c.json(await members.list(requestContext(c), c.req.valid("param").orgId, c.req.valid("query")), 200),
    )
    .openapi(add, async (c) => {
      const baseUrl = publicUrl ?? new URL(c.req.url).origin;
      return c.json(
        await members.add(requestContext(c), c.req.valid("param").orgId, c.req.valid("json"), baseUrl),
        200,
      );
    })
    .openapi(update, async (c) => {
      const { orgId, memberId } = c.req.valid("param");
      return c.json(await members.updateRole(requestContext(c), orgId, memberId, c.req.valid("json").role), 200);
    })
    .openapi(remove, async (c) => {
      const { orgId, memberId } = c.req.valid("param");
      return c.json(await members.remove(requestContext(c), orgId, memberId), 200);
    });
}
