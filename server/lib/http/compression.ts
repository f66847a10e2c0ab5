import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";

export type ContentEncoding = "br" | "gzip";

/**
 * The encoding to send, of those `available` (in the server's order of preference), for an
 * Accept-Encoding header: the highest q-value wins, the server's order breaks ties, q=0
 * refuses, `*` stands for any encoding not named. Undefined: send the bytes as they are.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: readonly ContentEncoding[],
): ContentEncoding | undefined {
  if (!acceptEncoding || available.length === 0) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: { encoding: ContentEncoding; q: number } | undefined;
  for (const encoding of available) {
    const weight = q.get(encoding) ?? q.get("*") ?? 0;
    if (weight > 0 && (!best || weight > best.q)) best = { encoding, q: weight };
  }
  return best?.encoding;
}

/** Adds Accept-Encoding to a Vary header value, once. */
export function varyOnAcceptEncoding(current: string | null | undefined): string {
  if (!current) return "Accept-Encoding";
  if (current === "*" || /(^|,)\s*accept-encoding\s*(,|$)/i.test(current)) return current;
  return `${current}, Accept-Encoding`;
}

const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript)|text\/)/i;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compresses API answers of at least `threshold` bytes (1 KB: below that the headers cost more
 * than they save) with brotli at a fast quality, or gzip, off the event loop (zlib's thread
 * pool). The answers are whole strings already, so the size is known before choosing.
 */
export function compressResponses({ threshold = 1024 }: { threshold?: number } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type");
    if (
      c.req.method === "HEAD" ||
      !res.body ||
      res.headers.has("Content-Encoding") ||
      !type ||
      !COMPRESSIBLE.test(type)
    ) {
      return;
    }
    const length = res.headers.get("Content-Length");
    if (length !== null && Number(length) < threshold) return;
    c.header("Vary", varyOnAcceptEncoding(res.headers.get("Vary")));
    const encoding = chooseEncoding(c.req.header("Accept-Encoding"), ["br", "gzip"]);
    if (!encoding) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(c.res.headers);
    let sent: Buffer = body;
    if (body.length >= threshold) {
      sent =
        encoding === "br"
          ? await brotli(body, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            })
          : await gzipAsync(body, { level: 6 });
      headers.set("Content-Encoding", encoding);
    }
    headers.set("Content-Length", String(sent.length));
    // Hono merges the previous response's headers over a new one (the old Content-Length
    // and Vary included); clearing it first makes these headers the ones sent.
    c.res = undefined;
    c.res = new Response(new Uint8Array(sent), {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  };
}
