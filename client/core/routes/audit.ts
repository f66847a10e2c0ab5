import type { listAuditLogsQuerySchema } from "#shared/schemas/audit.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

/** What an organisation's admins watch: the audit log and overdue revocations. */
export const auditRoutes = {
  list: route("GET", "/api/v1/organizations/{orgId}/audit-logs", {
    operationId: "listAuditLogs",
    query: typeOf<typeof listAuditLogsQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/audit.ts").then((m) => m.listAuditLogsResponseSchema)),
  }),
  leaseHealth: route("GET", "/api/v1/organizations/{orgId}/lease-health", {
    operationId: "getLeaseHealth",
    response: lazySchema(() => import("#shared/schemas/leases.ts").then((m) => m.leaseHealthResponseSchema)),
  }),
};
