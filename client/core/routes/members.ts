import type { addMemberInputSchema, listMembersQuerySchema, updateMemberInputSchema } from "#shared/schemas/members.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const member = lazySchema(() => import("#shared/schemas/members.ts").then((m) => m.memberResponseSchema));

/** The organisation's people. */
export const memberRoutes = {
  list: route("GET", "/api/v1/organizations/{orgId}/members", {
    operationId: "listMembers",
    query: typeOf<typeof listMembersQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/members.ts").then((m) => m.listMembersResponseSchema)),
  }),
  add: route("POST", "/api/v1/organizations/{orgId}/members", {
    operationId: "addMember",
    body: typeOf<typeof addMemberInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/members.ts").then((m) => m.addMemberResponseSchema)),
  }),
  update: route("PATCH", "/api/v1/organizations/{orgId}/members/{memberId}", {
    operationId: "updateMember",
    body: typeOf<typeof updateMemberInputSchema>(),
    response: member,
  }),
  remove: route("DELETE", "/api/v1/organizations/{orgId}/members/{memberId}", {
    operationId: "removeMember",
    response: member,
  }),
};
