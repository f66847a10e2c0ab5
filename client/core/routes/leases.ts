import type {
  createLeaseInputSchema,
  leaseLocationQuerySchema,
  listLeasesQuerySchema,
  renewLeaseInputSchema,
  revokeLeaseInputSchema,
} from "#shared/schemas/leases.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const lease = lazySchema(() => import("#shared/schemas/leases.ts").then((m) => m.leaseResponseSchema));
const base = "/api/v1/dynamic-secrets/leases";

/** Leases of a dynamic secret's credentials, with Infisical's paths. */
export const leaseRoutes = {
  /** The credentials in `data` are shown this once: the server keeps no copy. */
  create: route("POST", base, {
    operationId: "createDynamicSecretLease",
    body: typeOf<typeof createLeaseInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/leases.ts").then((m) => m.createLeaseResponseSchema)),
  }),
  get: route("GET", `${base}/{leaseId}`, {
    operationId: "getDynamicSecretLease",
    query: typeOf<typeof leaseLocationQuerySchema>(),
    response: lease,
  }),
  renew: route("POST", `${base}/{leaseId}/renew`, {
    operationId: "renewDynamicSecretLease",
    body: typeOf<typeof renewLeaseInputSchema>(),
    response: lease,
  }),
  /** Infisical's SDK sends the location in the body; a query works too. */
  revoke: route("DELETE", `${base}/{leaseId}`, {
    operationId: "revokeDynamicSecretLease",
    body: typeOf<typeof revokeLeaseInputSchema>(),
    response: lease,
  }),
  list: route("GET", "/api/v1/dynamic-secrets/{name}/leases", {
    operationId: "listDynamicSecretLeases",
    query: typeOf<typeof listLeasesQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/leases.ts").then((m) => m.listLeasesResponseSchema)),
  }),
};
