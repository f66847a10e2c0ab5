import { createRoute } from "@hono/zod-openapi";
import { serverInfoResponseSchema } from "#shared/schemas/server-info.ts";
import { createRouter, errorResponses, jsonResponse, PUBLIC_ROUTE } from "../../lib/http/router.ts";
import type { ServerIdSource } from "../aws-auth/server-id.ts";

const route = createRoute({
  method: "get",
  path: "/server-info",
  operationId: "getServerInfo",
  ...PUBLIC_ROUTE,
  tags: ["Server"],
  summary: "This server's ID for X-Leasehold-Server-ID (public: clients read it before they log in)",
  responses: { 200: jsonResponse(serverInfoResponseSchema, "The server's public facts"), 429: errorResponses[429] },
});

export function serverInfoRoutes(serverId: ServerIdSource) {
  return createRouter().openapi(route, async (c) =>
    c.json({ product: "leasehold" as const, serverId: await serverId.get() }, 200),
  );
}
