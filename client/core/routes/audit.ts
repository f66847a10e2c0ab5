import { listAuditLogsQuerySchema, listAuditLogsResponseSchema } from "#shared/schemas/audit.ts";
import { leaseHealthResponseSchema } from "#shared/schemas/leases.ts";
import { route } from "../route.ts";

/** What an organisation's admins watch: the audit log and overdue revocations. */
export const auditRoutes = {
  list: route("GET", "/api/v1/organizations/{orgId}/audit-logs", {
    operationId: "listAuditLogs",
    query: listAuditLogsQuerySchema,
    response: listAuditLogsResponseSchema,
  }),
  leaseHealth: route("GET", "/api/v1/organizations/{orgId}/lease-health", {
    operationId: "getLeaseHealth",
    response: leaseHealthResponseSchema,
  }),
};
