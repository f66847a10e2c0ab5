// The server as `npm start` runs it: the compiled dist/server/index.mjs under plain node, the
// dashboard precompressed from dist/web, the API compressed over 1 KB, all over real HTTP.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { repoRoot } from "./paths.ts";
import { answers, freePort, type GroundProcess, spawnGround, waitUntil } from "./processes.ts";
import { type RunningServer, serverEnv, startServer } from "./server-process.ts";

let server: RunningServer;
const webDir = join(repoRoot, "dist/web");

beforeAll(async () => {
  // No AWS call happens here; an address nothing listens on keeps it that way.
  server = await startServer({ motoUrl: "http://127.0.0.1:9" });
}, 60_000);
afterAll(() => server?.stop());

/** The bytes as the server sends them: node:http, which (unlike fetch) does not decode them. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ res: { status: number; headers: Headers }; body: Buffer }>((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const flat = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") flat.set(name, value);
          resolve({ res: { status: res.statusCode ?? 0, headers: flat }, body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}

describe("the running server", () => {
  it("is plain node running the compiled build: no tsx loader, no TypeScript", () => {
    const argv = readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    expect(argv.slice(1)).toEqual(["dist/server/index.mjs"]);
    const environ = readFileSync(`/proc/${server.pid}/environ`, "utf8").split("\0");
    expect(environ.filter((entry) => entry.startsWith("NODE_OPTIONS="))).toEqual([]); // no --import tsx
    expect(existsSync(join(repoRoot, "dist/server/migrations/meta/_journal.json"))).toBe(true);
  });

  it.skipIf(!existsSync(join(webDir, "index.html")))(
    "sends the dashboard precompressed, cached by kind, with ETags",
    async () => {
      const html = readFileSync(join(webDir, "index.html"), "utf8");
      const shell = await get("/login", { "Accept-Encoding": "br" });
      expect(shell.res.headers.get("cache-control")).toBe("no-cache");
      expect(brotliDecompressSync(shell.body).toString()).toBe(html);
      const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "";
      const { res, body } = await get(entry, { "Accept-Encoding": "br, gzip" });
      expect(res.headers.get("content-encoding")).toBe("br");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(res.headers.get("etag")).toBeTruthy();
      expect(brotliDecompressSync(body)).toEqual(readFileSync(join(webDir, entry)));
      const revalidated = await get(entry, {
        "Accept-Encoding": "br, gzip",
        "If-None-Match": res.headers.get("etag") ?? "",
      });
      expect(revalidated.res.status).toBe(304);
    },
  );

  it("compresses API JSON over 1 KB", async () => {
    const { res, body } = await get(pathOf(operationsRoutes.openapi), { "Accept-Encoding": "gzip" });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const doc = JSON.parse(gunzipSync(body).toString());
    expect(doc.openapi).toBe("3.1.0");
    expect(body.length).toBeLessThan(JSON.stringify(doc).length / 5);
    const health = await get(pathOf(operationsRoutes.health), { "Accept-Encoding": "gzip" });
    expect(health.res.headers.get("content-encoding")).toBeNull();
  });
});

/** Code of a compiler, a loader or a bundler: none of it belongs in the server at run time. */
const BUILD_TOOLS = /node_modules\/(tsx|typescript|@typescript|esbuild|@esbuild|vite|@vitejs|vitest)\//g;

/**
 * The build tools whose code a node process holds, read from a heap snapshot of it: every script
 * a process has loaded keeps its file name in the heap. `ready` resolves once it is worth looking.
 */
async function buildToolsIn(
  args: string[],
  env: Record<string, string>,
  ready: (proc: GroundProcess) => Promise<boolean>,
) {
  const dir = mkdtempSync(join(tmpdir(), "leasehold-heap-"));
  const proc = spawnGround(process.execPath, ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  try {
    await waitUntil(args.join(" "), () => ready(proc), { proc, timeoutMs: 60_000 });
    process.kill(proc.pid, "SIGUSR2");
    // The snapshot is written in one go on the main thread; it is whole once it parses as JSON's end.
    let text = "";
    await waitUntil(
      "heap snapshot",
      async () => {
        const file = readdirSync(dir).find((name) => name.endsWith(".heapsnapshot"));
        if (!file || statSync(join(dir, file)).size === 0) return false;
        text = readFileSync(join(dir, file), "utf8");
        return text.trimEnd().endsWith("]}");
      },
      { proc, timeoutMs: 60_000 },
    );
    return [...new Set([...text.matchAll(BUILD_TOOLS)].map((match) => match[1]))];
  } finally {
    await proc.stop("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("what the running server has loaded", () => {
  it("holds no TypeScript compiler, tsx, esbuild or Vite code", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "leasehold-server-"));
    try {
      const tools = await buildToolsIn(["dist/server/index.mjs"], serverEnv(port, dataDir, "http://127.0.0.1:9"), () =>
        answers(`http://127.0.0.1:${port}/api/ready`, true),
      );
      expect(tools).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("finds tsx in a process that runs through it (so the check above can fail)", async () => {
    const script = 'console.log("ready"); setInterval(() => {}, 1000);';
    const tools = await buildToolsIn(["--import", "tsx", "-e", script], {}, async (proc) =>
      proc.output().includes("ready"),
    );
    expect(tools).toContain("tsx");
  }, 60_000);
});
