import { route } from "../route.ts";
import type { ResponseSchema } from "../schema.ts";

const any: ResponseSchema = { safeParse: (value) => ({ success: true, data: value }) };

/**
 * What operators and their tools call, outside the OpenAPI document: liveness, readiness, the Prometheus scrape and
 * the API reference. Their answers are read raw (`send`), so their response schema accepts anything.
 */
export const operationsRoutes = {
  health: route("GET", "/api/health", { operationId: "health", response: any }),
  ready: route("GET", "/api/ready", { operationId: "ready", response: any }),
  metrics: route("GET", "/metrics", { operationId: "metrics", response: any }),
  docs: route("GET", "/api/docs", { operationId: "docs", response: any }),
  /** The reference page's scripts and styles, served from the swagger-ui-dist package. */
  docsAsset: route("GET", "/api/docs/assets/{file}", { operationId: "docsAsset", response: any }),
  openapi: route("GET", "/api/docs/openapi.json", { operationId: "openapi", response: any }),
};
