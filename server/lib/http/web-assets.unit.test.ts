import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDir } from "../../../scripts/lib/precompress.ts";
import { chooseEncoding, compressResponses } from "./compression.ts";
import { serveWebAssets } from "./web-assets.ts";

let dir: string;
let app: Hono;
const script = `console.log(${JSON.stringify("leasehold ".repeat(400))});\n`;
const html =
  `<!doctype html><html><head><script type="module" src="/assets/app-Ab12.js"></script></head>` +
  `<body>${"<p>x</p>".repeat(200)}</body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "leasehold-web-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), html);
  writeFileSync(path.join(dir, "assets/app-Ab12.js"), script);
  writeFileSync(path.join(dir, "theme.js"), "document.documentElement.dataset.theme = 'dark';");
  writeFileSync(path.join(dir, "assets/small-Cd34.js"), `export const words = ${JSON.stringify("lease ".repeat(40))};`);
  await precompressDir(dir);
  app = new Hono();
  app.use("/api/*", compressResponses());
  app.get("/api/big", (c) => c.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) }));
  app.get("/api/small", (c) => c.json({ ok: true }));
  app.use("*", serveWebAssets(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the dashboard's files", () => {
  it("a hashed asset goes out precompressed as the client asks, immutable, with its type, Vary and ETag", async () => {
    for (const [accept, encoding, decode] of [
      ["br, gzip", "br", brotliDecompressSync],
      ["gzip, deflate", "gzip", gunzipSync],
      ["gzip;q=0.5, br;q=0.1", "gzip", gunzipSync],
    ] as const) {
      const res = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding")).toBe(encoding);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      const body = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get("content-length"))).toBe(body.length);
      expect(body.length).toBeLessThan(script.length / 5);
      expect(decode(body).toString()).toBe(script);
    }
    const plain = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it("each encoding has its own ETag, and a matching If-None-Match gets a 304 without a body", async () => {
    const br = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": "br" } });
    const gz = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": "gzip" } });
    const etag = br.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(gz.headers.get("etag")).not.toBe(etag);
    const again = await app.request("/assets/app-Ab12.js", {
      headers: { "Accept-Encoding": "br", "If-None-Match": `W/${etag}` },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await app.request("/assets/app-Ab12.js", {
      headers: { "Accept-Encoding": "gzip", "If-None-Match": etag },
    });
    expect(other.status).toBe(200);
  });

  it("index.html and client-side routes get the shell with no-cache; unknown assets are 404, not HTML", async () => {
    for (const url of ["/", "/login", "/projects/abc/secrets"]) {
      const res = await app.request(url, { headers: { "Accept-Encoding": "br" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(html);
    }
    const stale = await app.request("/assets/app-OLD1.js", { headers: { "Accept-Encoding": "br" } });
    expect(stale.status).toBe(404);
    expect(stale.headers.get("content-type")).not.toMatch(/html/);
    expect(await stale.text()).not.toContain("<script");
    expect((await app.request("/favicon.ico")).status).toBe(404);
    const theme = await app.request("/theme.js", { headers: { "Accept-Encoding": "br" } });
    expect(theme.headers.get("content-encoding")).toBeNull(); // 49 bytes: a copy would save less than its headers
    expect(theme.headers.get("cache-control")).toBe("no-cache");
    expect(readFileSync(path.join(dir, "theme.js"), "utf8")).toBe(await theme.text());
  });
});

describe("conditional requests, HEAD and what the client accepts", () => {
  it("a 304 carries ETag, Cache-Control and Vary, and no representation metadata", async () => {
    const first = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": "br" } });
    const again = await app.request("/assets/app-Ab12.js", {
      headers: { "Accept-Encoding": "br", "If-None-Match": `"other", ${first.headers.get("etag")}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(again.headers.get("vary")).toBe("Accept-Encoding");
    expect(again.headers.get("content-encoding")).toBeNull();
    expect(again.headers.get("content-type")).toBeNull();
    expect(again.headers.get("content-length")).toBeNull();
    const star = await app.request("/login", { headers: { "If-None-Match": "*" } });
    expect(star.status).toBe(304);
  });

  it("HEAD answers the headers GET would, with no body", async () => {
    for (const url of ["/assets/app-Ab12.js", "/projects/abc"]) {
      const get = await app.request(url, { headers: { "Accept-Encoding": "gzip" } });
      const head = await app.request(url, { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
      expect(head.status).toBe(200);
      for (const name of ["content-type", "content-encoding", "content-length", "etag", "cache-control", "vary"]) {
        expect(head.headers.get(name), name).toBe(get.headers.get(name));
      }
      expect(await head.text()).toBe("");
    }
    expect((await app.request("/assets/app-OLD1.js", { method: "HEAD" })).status).toBe(404);
  });

  it("sends the bytes as they are when every encoding is refused with q=0, still with Vary", async () => {
    for (const accept of ["br;q=0, gzip;q=0", "*;q=0", "identity;q=0", "br;q=0", ""]) {
      const res = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": accept } });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBeNull();
      expect(res.headers.get("vary"), accept).toBe("Accept-Encoding");
      expect(await res.text()).toBe(script);
    }
    const gz = await app.request("/assets/app-Ab12.js", { headers: { "Accept-Encoding": "br;q=0, *;q=0.5" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });

  it("small files are precompressed too when the copy saves more than its headers cost", async () => {
    const res = await app.request("/assets/small-Cd34.js", { headers: { "Accept-Encoding": "br" } });
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(Number(res.headers.get("content-length"))).toBeLessThan(100);
  });
});

describe("API answers", () => {
  it("over 1 KB are compressed (br or gzip) with Vary; smaller ones are sent as they are", async () => {
    const big = await app.request("/api/big", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(big.headers.get("content-encoding")).toBe("br");
    expect(big.headers.get("vary")).toBe("Accept-Encoding");
    const body = Buffer.from(await big.arrayBuffer());
    expect(Number(big.headers.get("content-length"))).toBe(body.length);
    expect(JSON.parse(brotliDecompressSync(body).toString()).items).toHaveLength(200);
    const gz = await app.request("/api/big", { headers: { "Accept-Encoding": "gzip" } });
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).items).toHaveLength(200);
    const small = await app.request("/api/small", { headers: { "Accept-Encoding": "br" } });
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const none = await app.request("/api/big");
    expect(none.headers.get("content-encoding")).toBeNull();
    expect(((await none.json()) as { items: unknown[] }).items).toHaveLength(200);
  });
});

describe("chooseEncoding", () => {
  it("follows q-values, the server's order on ties, q=0 and *", () => {
    const both = ["br", "gzip"] as const;
    expect(chooseEncoding(undefined, both)).toBeUndefined();
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(chooseEncoding("*", both)).toBe("br");
    expect(chooseEncoding("*, br;q=0", both)).toBe("gzip");
    expect(chooseEncoding("identity", both)).toBeUndefined();
    expect(chooseEncoding("br", ["gzip"])).toBeUndefined();
    expect(chooseEncoding("GZIP;Q=0.8", both)).toBe("gzip");
  });
});
