import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "../../context.ts";

// The reference UI ships inside the swagger-ui-dist npm package, so the docs work offline.
const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Leasehold API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`;

// An external file rather than an inline script, because the CSP forbids inline script.
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/docs/openapi.json", dom_id: "#reference", deepLinking: true });`;

export function apiDocsRoutes() {
  const cache = new Map<string, Buffer>();
  return new Hono<AppEnv>()
    .get("/", (c) => c.html(PAGE))
    .get("/assets/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }))
    .get("/assets/:file", async (c) => {
      const file = c.req.param("file");
      const type = ASSETS[file];
      if (!type) return c.notFound();
      let body = cache.get(file);
      if (!body) {
        body = await readFile(path.join(swaggerDir, file));
        cache.set(file, body);
      }
      return c.body(new Uint8Array(body), 200, { "content-type": type, "cache-control": "public, max-age=86400" });
    });
}
