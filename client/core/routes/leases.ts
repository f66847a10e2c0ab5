import {
  createLeaseInputSchema,
  createLeaseResponseSchema,
  leaseLocationQuerySchema,
  leaseResponseSchema,
  listLeasesQuerySchema,
  listLeasesResponseSchema,
  renewLeaseInputSchema,
  revokeLeaseInputSchema,
} from "#shared/schemas/leases.ts";
import { route } from "../route.ts";

const base = "/api/v1/dynamic-secrets/leases";

/** Leases of a dynamic secret's credentials, with Infisical's paths. */
export const leaseRoutes = {
  /** The credentials in `data` are shown this once: the server keeps no copy. */
  create: route("POST", base, {
    operationId: "createDynamicSecretLease",
    body: createLeaseInputSchema,
    response: createLeaseResponseSchema,
  }),
  get: route("GET", `${base}/{leaseId}`, {
    operationId: "getDynamicSecretLease",
    query: leaseLocationQuerySchema,
    response: leaseResponseSchema,
  }),
  renew: route("POST", `${base}/{leaseId}/renew`, {
    operationId: "renewDynamicSecretLease",
    body: renewLeaseInputSchema,
    response: leaseResponseSchema,
  }),
  /** Infisical's SDK sends the location in the body; a query works too. */
  revoke: route("DELETE", `${base}/{leaseId}`, {
    operationId: "revokeDynamicSecretLease",
    body: revokeLeaseInputSchema,
    response: leaseResponseSchema,
  }),
  list: route("GET", "/api/v1/dynamic-secrets/{name}/leases", {
    operationId: "listDynamicSecretLeases",
    query: listLeasesQuerySchema,
    response: listLeasesResponseSchema,
  }),
};
