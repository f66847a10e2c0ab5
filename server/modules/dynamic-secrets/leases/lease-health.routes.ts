import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { leaseHealthResponseSchema } from "#shared/schemas/leases.ts";
import { createRouter, errorResponses, jsonResponse, requestContext } from "../../../lib/http/router.ts";
import type { LeaseHealthService } from "./lease-health.service.ts";

const getLeaseHealth = createRoute({
  method: "get",
  path: "/organizations/{orgId}/lease-health",
  operationId: "getLeaseHealth",
  tags: ["Leases"],
  summary: "Revocations overdue by more than a minute: how many, the oldest, the last AWS error (org admins)",
  request: { params: z.object({ orgId: z.uuid() }) },
  responses: {
    200: jsonResponse(leaseHealthResponseSchema, "The organisation's overdue revocations"),
    ...errorResponses,
  },
});

export function leaseHealthRoutes(health: LeaseHealthService) {
  return createRouter().openapi(getLeaseHealth, async (c) =>
    c.json(await health.forOrg(requestContext(c), c.req.valid("param").orgId), 200),
  );
}
