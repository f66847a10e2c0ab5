import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { projectOverviewQuerySchema, projectOverviewResponseSchema } from "#shared/schemas/project-overview.ts";
import { createRouter, errorResponses, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { ProjectOverviewService } from "./project-overview.service.ts";

const getOverview = createRoute({
  method: "get",
  path: "/projects/{projectId}/overview",
  operationId: "getProjectOverview",
  tags: ["Projects"],
  summary: "A project's first-run steps, each environment's counts, and its recent activity",
  description:
    "For anyone who can read the project. The activity is the project's newest audit records without the " +
    "request's IP address, user agent or metadata; the organisation's audit log has those, for org admins.",
  request: { params: z.object({ projectId: z.uuid() }), query: projectOverviewQuerySchema },
  responses: { 200: jsonResponse(projectOverviewResponseSchema, "The project's overview"), ...errorResponses },
});

export function projectOverviewRoutes(overview: ProjectOverviewService) {
  return createRouter().openapi(getOverview, async (c) => {
    const overviewBody = await overview.get(requestContext(c), c.req.valid("param").projectId, c.req.valid("query"));
    return c.json({ overview: overviewBody }, 200);
  });
}
