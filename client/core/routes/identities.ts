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
import { route } from "../route.ts";

/** Machine identities and their project memberships. */
export const identityRoutes = {
  create: route("POST", "/api/v1/identities", {
    operationId: "createIdentity",
    body: createIdentityInputSchema,
    response: identityResponseSchema,
  }),
  list: route("GET", "/api/v1/organizations/{orgId}/identities", {
    operationId: "listIdentities",
    query: listIdentitiesQuerySchema,
    response: listIdentitiesResponseSchema,
  }),
  get: route("GET", "/api/v1/identities/{identityId}", {
    operationId: "getIdentity",
    response: identityResponseSchema,
  }),
  update: route("PATCH", "/api/v1/identities/{identityId}", {
    operationId: "updateIdentity",
    body: updateIdentityInputSchema,
    response: identityResponseSchema,
  }),
  delete: route("DELETE", "/api/v1/identities/{identityId}", {
    operationId: "deleteIdentity",
    response: identityResponseSchema,
  }),
  listMemberships: route("GET", "/api/v1/identities/{identityId}/memberships", {
    operationId: "listIdentityMemberships",
    response: listIdentityMembershipsResponseSchema,
  }),
  addMembership: route("POST", "/api/v1/identities/{identityId}/memberships", {
    operationId: "addIdentityMembership",
    body: addIdentityMembershipInputSchema,
    response: identityMembershipResponseSchema,
  }),
  updateMembership: route("PATCH", "/api/v1/identities/{identityId}/memberships/{membershipId}", {
    operationId: "updateIdentityMembership",
    body: updateIdentityMembershipInputSchema,
    response: identityMembershipResponseSchema,
  }),
  removeMembership: route("DELETE", "/api/v1/identities/{identityId}/memberships/{membershipId}", {
    operationId: "removeIdentityMembership",
    response: identityMembershipResponseSchema,
  }),
};
