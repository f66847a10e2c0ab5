import type {
  addIdentityMembershipInputSchema,
  createIdentityInputSchema,
  listIdentitiesQuerySchema,
  updateIdentityInputSchema,
  updateIdentityMembershipInputSchema,
} from "#shared/schemas/identities.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const identity = lazySchema(() => import("#shared/schemas/identities.ts").then((m) => m.identityResponseSchema));
const membership = lazySchema(() =>
  import("#shared/schemas/identities.ts").then((m) => m.identityMembershipResponseSchema),
);

/** Machine identities and their project memberships. */
export const identityRoutes = {
  create: route("POST", "/api/v1/identities", {
    operationId: "createIdentity",
    body: typeOf<typeof createIdentityInputSchema>(),
    response: identity,
  }),
  list: route("GET", "/api/v1/organizations/{orgId}/identities", {
    operationId: "listIdentities",
    query: typeOf<typeof listIdentitiesQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/identities.ts").then((m) => m.listIdentitiesResponseSchema)),
  }),
  get: route("GET", "/api/v1/identities/{identityId}", { operationId: "getIdentity", response: identity }),
  update: route("PATCH", "/api/v1/identities/{identityId}", {
    operationId: "updateIdentity",
    body: typeOf<typeof updateIdentityInputSchema>(),
    response: identity,
  }),
  delete: route("DELETE", "/api/v1/identities/{identityId}", { operationId: "deleteIdentity", response: identity }),
  listMemberships: route("GET", "/api/v1/identities/{identityId}/memberships", {
    operationId: "listIdentityMemberships",
    response: lazySchema(() =>
      import("#shared/schemas/identities.ts").then((m) => m.listIdentityMembershipsResponseSchema),
    ),
  }),
  addMembership: route("POST", "/api/v1/identities/{identityId}/memberships", {
    operationId: "addIdentityMembership",
    body: typeOf<typeof addIdentityMembershipInputSchema>(),
    response: membership,
  }),
  updateMembership: route("PATCH", "/api/v1/identities/{identityId}/memberships/{membershipId}", {
    operationId: "updateIdentityMembership",
    body: typeOf<typeof updateIdentityMembershipInputSchema>(),
    response: membership,
  }),
  removeMembership: route("DELETE", "/api/v1/identities/{identityId}/memberships/{membershipId}", {
    operationId: "removeIdentityMembership",
    response: membership,
  }),
};
