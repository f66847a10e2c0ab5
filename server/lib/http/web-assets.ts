import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { MiddlewareHandler } from "hono";
import { type ContentEncoding, chooseEncoding, varyOnAcceptEncoding } from "./compression.ts";

/**
 * The built dashboard (dist/web), served from memory: a few hundred kilobytes, read once at
 * start-up with the brotli and gzip copies the build wrote beside each file (`x.js.br`,
 * `x.js.gz`), so no byte is compressed per request.
 *
 * - Hashed files under /assets/ are immutable (`max-age=31536000, immutable`); everything else,
 *   index.html above all, is `no-cache`, revalidated by its ETag, so a deploy shows at once.
 * - One strong ETag per file and encoding; `If-None-Match` gets a 304.
 * - A missing /assets/ file is a 404, not the SPA shell: a stale tab asking for a chunk of the
 *   previous build must fail as a script, not parse HTML as JavaScript.
 * - Any other GET that names no file gets index.html: the client-side routes.
 */

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface WebAsset {
  type: string;
  cacheControl: string;
  identity: Variant;
  encoded: Partial<Record<ContentEncoding, Variant>>;
  /** The encodings present, in the order the server prefers them. */
  encodings: ContentEncoding[];
}

function variant(body: Buffer, tag: string): Variant {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { body: new Uint8Array(body), etag: `"${hash}${tag}"` };
}

function* filesUnder(dir: string, prefix = ""): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue; // .vite/manifest.json is for the build tools
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) yield* filesUnder(path.join(dir, entry.name), relative);
    else if (!/\.(br|gz)$/.test(entry.name)) yield relative;
  }
}

function loadWebAssets(webDir: string): Map<string, WebAsset> {
  const assets = new Map<string, WebAsset>();
  for (const urlPath of filesUnder(webDir)) {
    const file = path.join(webDir, urlPath);
    const encoded: WebAsset["encoded"] = {};
    for (const [encoding, suffix] of [
      ["br", ".br"],
      ["gzip", ".gz"],
    ] as const) {
      if (existsSync(file + suffix)) encoded[encoding] = variant(readFileSync(file + suffix), `-${encoding}`);
    }
    assets.set(urlPath, {
      type: TYPES[path.extname(urlPath).toLowerCase()] ?? "application/octet-stream",
      cacheControl: urlPath.startsWith("/assets/") ? IMMUTABLE : REVALIDATE,
      identity: variant(readFileSync(file), ""),
      encoded,
      encodings: (["br", "gzip"] as const).filter((encoding) => encoded[encoding]),
    });
  }
  return assets;
}

/** If-None-Match: a list of entity tags or `*`; weak tags compare equal to strong ones (RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** The middleware that answers GET and HEAD for the dashboard; everything else passes through. */
export function serveWebAssets(webDir: string): MiddlewareHandler {
  const assets = loadWebAssets(webDir);
  const shell = assets.get("/index.html");
  if (!shell) throw new Error(`${webDir} holds no index.html: run npm run build`);
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const urlPath = c.req.path;
    const asset = assets.get(urlPath === "/" ? "/index.html" : urlPath);
    if (!asset && (urlPath.startsWith("/assets/") || path.extname(urlPath) !== "")) return next();
    const chosen = asset ?? shell;
    const encoding = chooseEncoding(c.req.header("Accept-Encoding"), chosen.encodings);
    const sent = (encoding && chosen.encoded[encoding]) || chosen.identity;
    const headers: Record<string, string> = { "Cache-Control": chosen.cacheControl, ETag: sent.etag };
    if (chosen.encodings.length > 0) headers.Vary = varyOnAcceptEncoding(c.res.headers.get("Vary"));
    // A 304 carries what a cache needs to refresh its copy (ETag, Cache-Control, Vary) and no other
    // metadata of the representation (RFC 9110 §15.4.5).
    if (matches(c.req.header("If-None-Match"), sent.etag)) return c.body(null, 304, headers);
    headers["Content-Type"] = chosen.type;
    if (encoding) headers["Content-Encoding"] = encoding;
    headers["Content-Length"] = String(sent.body.length);
    if (c.req.method === "HEAD") return c.body(null, 200, headers);
    return c.body(sent.body, 200, headers);
  };
}
