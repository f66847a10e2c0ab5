import { existsSync } from "node:fs";
import path from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./context.ts";
import { migrationsAreCurrent } from "./db/migrate.ts";
import { apiDocsRoutes } from "./lib/http/api-docs.ts";
import { authenticate } from "./lib/http/authenticate.ts";
import { BODY_LIMIT_BYTES, BODY_TOO_LARGE_MESSAGE } from "./lib/http/body-limit.ts";
import { resolveClientIp } from "./lib/http/client-ip.ts";
import { compressResponses } from "./lib/http/compression.ts";
import { AppError } from "./lib/http/errors.ts";
import { metricsRoutes } from "./lib/http/metrics-route.ts";
import { errorBody, onError } from "./lib/http/on-error.ts";
import { rejectNulCharacters } from "./lib/http/reject-nul.ts";
import { securityHeaders } from "./lib/http/security-headers.ts";
import { serveWebAssets } from "./lib/http/web-assets.ts";
import { parseCidrList } from "./lib/net/ip.ts";
import { appConnectionRoutes } from "./modules/app-connections/app-connections.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { awsAuthRoutes } from "./modules/aws-auth/aws-auth.routes.ts";
import { dynamicSecretRoutes } from "./modules/dynamic-secrets/dynamic-secrets.routes.ts";
import { leaseHealthRoutes } from "./modules/dynamic-secrets/leases/lease-health.routes.ts";
import { leaseRoutes } from "./modules/dynamic-secrets/leases/leases.routes.ts";
import { identityRoutes } from "./modules/identities/identities.routes.ts";
import { authRoutes } from "./modules/people/auth.routes.ts";
import { csrfTokenFor } from "./modules/people/auth.service.ts";
import { memberRoutes } from "./modules/people/members.routes.ts";
import { createSessionCookie } from "./modules/people/session-cookie.ts";
import { projectOverviewRoutes } from "./modules/projects/project-overview.routes.ts";
import { projectRoutes } from "./modules/projects/projects.routes.ts";
import { serverInfoRoutes } from "./modules/server-info/server-info.routes.ts";
import { tokenRoutes } from "./modules/tokens/tokens.routes.ts";
import type { CoreDeps, Services } from "./services.ts";

export interface AppOptions {
  core: CoreDeps;
  services: Services;
  /** Folder of the built dashboard; when present it is served with an SPA fallback. */
  webDir?: string | undefined;
}

export function createApp({ core, services, webDir }: AppOptions) {
  const { env, logger } = core;
  const trustedProxies = parseCidrList((env.LEASEHOLD_TRUSTED_PROXIES ?? "").split(",").filter(Boolean));
  const cookie = createSessionCookie({
    secure: env.secureCookies,
    absoluteSeconds: env.LEASEHOLD_SESSION_ABSOLUTE_TTL,
  });
  const hsts = env.secureCookies || (env.LEASEHOLD_PUBLIC_URL?.startsWith("https://") ?? false);

  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);

  app.use(requestId({ headerName: "X-Request-Id", limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    const peer = (() => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // app.request() in tests has no socket
      }
    })();
    c.set("clientIp", resolveClientIp(peer, c.req.header("x-forwarded-for"), trustedProxies));
    c.set("logger", logger.child({ requestId: c.get("requestId") }));
    await next();
    if (c.req.path.startsWith("/api/")) {
      c.get("logger").info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
          ip: c.get("clientIp"),
        },
        "request",
      );
    }
  });
  app.use(securityHeaders({ hsts }));
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: () => {
        throw new AppError(413, "body_too_large", BODY_TOO_LARGE_MESSAGE);
      },
    }),
  );
  app.use("/api/*", rejectNulCharacters());
  app.use("/api/*", compressResponses());
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.use(
    "/api/v1/*",
    authenticate({
      session: { read: cookie.read, resolve: (token) => services.auth.resolveSession(token), csrfTokenFor },
      publicOrigin: env.LEASEHOLD_PUBLIC_URL,
      bearer: (token, c) => services.tokens.authenticate(token, c.get("clientIp")),
    }),
  );

  app.get("/api/health", (c) => c.json({ status: "ok" }));
  app.route("/", metricsRoutes(core.metrics.registry, env.LEASEHOLD_METRICS_TOKEN));
  app.get("/api/ready", async (c) => {
    try {
      await core.database.db.execute(sql`select 1`);
      if (!(await migrationsAreCurrent(core.database.db))) return c.json({ status: "migrations pending" }, 503);
      return c.json({ status: "ready" });
    } catch {
      return c.json({ status: "database unavailable" }, 503);
    }
  });

  app
    .route("/api/v1", authRoutes(services.auth, cookie))
    .route("/api/v1", memberRoutes(services.members, env.LEASEHOLD_PUBLIC_URL))
    .route("/api/v1", projectRoutes(services.projects))
    .route("/api/v1", projectOverviewRoutes(services.projectOverview))
    .route("/api/v1", auditRoutes(services.audit))
    .route("/api/v1", leaseHealthRoutes(services.leaseHealth))
    .route("/api/v1", identityRoutes(services.identities, services.identityMemberships))
    .route("/api/v1", awsAuthRoutes(services.awsAuth, services.awsAuthLogin))
    .route("/api/v1", tokenRoutes(services.tokens))
    .route("/api/v1", serverInfoRoutes(services.serverId))
    .route("/api/v1", appConnectionRoutes(services.appConnections))
    .route("/api/v1", leaseRoutes(services.leases))
    .route(
      "/api/v1",
      dynamicSecretRoutes(services.dynamicSecrets, services.dynamicSecretChecks, services.dynamicSecretOrphans),
    );

  app.doc31("/api/docs/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Leasehold API",
      version: "1.0.0",
      description:
        "Short-lived AWS access for machines and people. " +
        "Compatible with Infisical's REST API for AWS Auth, AWS App Connections and AWS IAM dynamic secrets.",
    },
    servers: [{ url: "/" }],
  });
  app.route("/api/docs", apiDocsRoutes());

  app.all("/api/*", (c) =>
    c.json(errorBody(c, 404, `No route for ${c.req.method} ${c.req.path}`, { reasonCode: "not_found" }), 404),
  );

  if (webDir && existsSync(path.join(webDir, "index.html"))) app.use("*", serveWebAssets(webDir));
  return app;
}
