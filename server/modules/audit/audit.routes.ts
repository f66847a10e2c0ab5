import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { listAuditLogsQuerySchema, listAuditLogsResponseSchema } from "#shared/schemas/audit.ts";
import { createRouter, errorResponses, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { AuditService } from "./audit.service.ts";

const listAuditLogs = createRoute({
  method: "get",
  path: "/organizations/{orgId}/audit-logs",
  operationId: "listAuditLogs",
  tags: ["Audit log"],
  summary: "List the organisation's audit log, newest first",
  request: { params: z.object({ orgId: z.uuid() }), query: listAuditLogsQuerySchema },
  responses: { 200: jsonResponse(listAuditLogsResponseSchema, "A page of audit records"), ...errorResponses },
});

export function auditRoutes(audit: AuditService) {
  return createRouter().openapi(listAuditLogs, async (c) => {
    const result = await audit.list(requestContext(c), c.req.valid("param").orgId, c.req.valid("query"));
    return c.json(result, 200);
  });
}
