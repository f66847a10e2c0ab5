import { Hono } from "hono";
import type { Registry } from "prom-client";
import type { AppEnv } from "../../context.ts";
import { constantTimeEqual } from "../crypto/tokens.ts";
import { AppError, unauthorized } from "./errors.ts";

/**
 * GET /metrics in Prometheus's text format. Off unless LEASEHOLD_METRICS_TOKEN is set; then
 * only a scraper presenting it as a bearer token gets an answer. Outside /api/v1, so neither
 * sessions nor access tokens apply here.
 */
export function metricsRoutes(registry: Registry, token: string | undefined) {
  return new Hono<AppEnv>().get("/metrics", async (c) => {
    if (!token)
      throw new AppError(404, "metrics_disabled", "Metrics are off: set LEASEHOLD_METRICS_TOKEN to serve them");
    const sent = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!sent || !constantTimeEqual(sent, token)) {
      c.header("WWW-Authenticate", 'Bearer realm="leasehold-metrics"');
      throw unauthorized(
        "Send the metrics token as `Authorization: Bearer <LEASEHOLD_METRICS_TOKEN>`",
        "invalid_metrics_token",
      );
    }
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType, "cache-control": "no-store" });
  });
}
