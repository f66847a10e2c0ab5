// `npm run bench:bundle [-- --baseline DIR]`: the bytes of a first visit AS SERVED, per route.
//
// It builds this checkout as `npm run build` does, starts the compiled server against moto,
// seeds an admin, a dynamic secret and its leases through the API, and loads each page in
// Chromium with an empty cache and `Accept-Encoding: br, gzip`. Every response until the
// network is idle counts, at the size of its body on the wire (brotli where the server sends
// brotli). The budget covers what the page needs to show: the HTML, scripts, styles, fonts
// and images; the API's JSON is listed beside it, not counted.
//
// Budgets: /login ≤ 100 kB; the Secrets page of a project (signed in, a dynamic secret with
// leases, opened directly) ≤ 150 kB. 1 kB = 1000 bytes. Exits non-zero when this checkout is
// over a budget. With `--baseline DIR` (e.g. a pristine checkout of main with node_modules)
// the same is measured there, in the same run, and shown beside.
import { chromium } from "@playwright/test";
import { stopChildrenOnSignal } from "../scripts/lib/run.mjs";
import { buildTree, SECRET_NAME, seed, startMoto, startTreeServer, trees } from "./web-ground.mjs";

const PAGES = [
  {
    name: "/login",
    budget: 100_000,
    signedIn: false,
    path: () => "/login",
    ready: (tab) => tab.getByRole("button", { name: "Log in" }),
  },
  {
    name: "Secrets page",
    budget: 150_000,
    signedIn: true,
    path: (seeded) => seeded.secretsPath,
    ready: (tab) =>
      tab
        .getByRole("table", { name: `Leases of ${SECRET_NAME}` })
        .getByText("Active")
        .first(),
  },
];
// Chromium's flags from playwright.config.ts.
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
const KIND = { document: "html", script: "js", stylesheet: "css", font: "font", image: "image" };

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const pct = (ratio) => `${Math.round(ratio * 100)}%`;

/** Loads one page in a fresh context (empty cache) and lists every response with its body size on the wire. */
async function firstLoad(browser, url, page, seeded) {
  const context = await browser.newContext({ extraHTTPHeaders: { "Accept-Encoding": "br, gzip" } });
  if (page.signedIn) await context.addCookies([{ ...seeded.cookie, url }]);
  const tab = await context.newPage();
  const files = [];
  const pending = [];
  tab.on("requestfinished", (request) => {
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        const path = new URL(request.url()).pathname;
        const kind = path.startsWith("/api/") ? "api" : (KIND[request.resourceType()] ?? request.resourceType());
        files.push({
          path,
          kind,
          encoding: response?.headers()["content-encoding"] ?? "none",
          bytes: sizes.responseBodySize,
          headerBytes: sizes.responseHeadersSize,
        });
      })(),
    );
  });
  tab.on("requestfailed", (request) => files.push({ path: new URL(request.url()).pathname, kind: "FAILED", bytes: 0 }));
  await tab.goto(new URL(page.path(seeded), url).href, { waitUntil: "networkidle" });
  await page.ready(tab).waitFor({ timeout: 15_000 });
  await tab.waitForLoadState("networkidle");
  await Promise.all(pending);
  await context.close();
  return files;
}

function report(label, page, files) {
  const counted = files.filter((f) => f.kind !== "api");
  const total = counted.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`\n${page.name} (${label}): ${files.length} responses`);
  for (const f of [...files].sort((a, b) => a.kind.localeCompare(b.kind) || b.bytes - a.bytes)) {
    console.log(`  ${f.kind.padEnd(6)} ${kB(f.bytes).padStart(9)}  ${f.encoding.padEnd(5)} ${f.path}`);
  }
  const byKind = {};
  for (const f of files) byKind[f.kind] = (byKind[f.kind] ?? 0) + f.bytes;
  console.log(
    `  by type: ${Object.entries(byKind)
      .map(([kind, bytes]) => `${kind} ${kB(bytes)}`)
      .join(", ")}`,
  );
  const failed = files.filter((f) => f.kind === "FAILED");
  if (failed.length > 0) throw new Error(`${page.name}: requests failed: ${failed.map((f) => f.path).join(", ")}`);
  return { total, files: counted.length, api: byKind.api ?? 0 };
}

async function measureTree(tree, motoUrl, browser) {
  console.log(`\n== ${tree.label}`);
  await buildTree(tree.dir);
  const server = await startTreeServer(tree.dir, motoUrl);
  try {
    const seeded = await seed(server.url);
    const results = {};
    for (const page of PAGES) {
      results[page.name] = report(tree.label, page, await firstLoad(browser, server.url, page, seeded));
    }
    return results;
  } finally {
    await server.stop();
  }
}

stopChildrenOnSignal();
const measured = trees();
const moto = await startMoto();
const browser = await chromium.launch(LAUNCH);
const results = [];
try {
  for (const tree of measured) results.push(await measureTree(tree, moto.url, browser));
} finally {
  await browser.close();
  await moto.stop();
}

console.log("\nFirst load as served (HTML+JS+CSS+fonts+images, bytes on the wire; API JSON not counted):");
let ok = true;
for (const page of PAGES) {
  const [mine, ...baselines] = results.map((r) => r[page.name]);
  const over = mine.total > page.budget;
  ok &&= !over;
  const beside = baselines
    .map((b, i) => `  | ${measured[i + 1].label}: ${kB(b.total)} (${pct(b.total / page.budget)}, ${b.files} files)`)
    .join("");
  console.log(
    `${page.name.padEnd(13)} ${kB(mine.total).padStart(9)} / ${kB(page.budget)}  ` +
      `${pct(mine.total / page.budget).padStart(4)}` +
      `  ${over ? "OVER" : "ok"}  (${mine.files} files; API JSON ${kB(mine.api)})${beside}`,
  );
}
process.exit(ok ? 0 : 1);
