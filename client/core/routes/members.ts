import {
  addMemberInputSchema,
  addMemberResponseSchema,
  listMembersQuerySchema,
  listMembersResponseSchema,
  memberResponseSchema,
  updateMemberInputSchema,
} from "#shared/schemas/members.ts";
import { route } from "../route.ts";

/** The organisation's people. */
export const memberRoutes = {
  list: route("GET", "/api/v1/organizations/{orgId}/members", {
    operationId: "listMembers",
    query: listMembersQuerySchema,
    response: listMembersResponseSchema,
  }),
  add: route("POST", "/api/v1/organizations/{orgId}/members", {
    operationId: "addMember",
    body: addMemberInputSchema,
    response: addMemberResponseSchema,
  }),
  update: route("PATCH", "/api/v1/organizations/{orgId}/members/{memberId}", {
    operationId: "updateMember",
    body: updateMemberInputSchema,
    response: memberResponseSchema,
  }),
  remove: route("DELETE", "/api/v1/organizations/{orgId}/members/{memberId}", {
    operationId: "removeMember",
    response: memberResponseSchema,
  }),
};
