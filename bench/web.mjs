// `npm run bench:web [-- --runs N] [--baseline DIR]`: Lighthouse 12 (mobile preset: a
// mid-range phone on slow 4G, simulated) on /login and on a signed-in Secrets page that shows
// a dynamic secret with its leases, against the compiled server seeded through the API.
//
// Targets per page: performance ≥ 90, accessibility 100, best practices 100, total blocking
// time ≤ 200 ms. Each page is measured `--runs` times (default 3) in a fresh Chromium; the
// median is judged and the spread printed, since the simulated timings scale with how busy this
// machine is. With `--baseline DIR` another checkout (e.g. a pristine main) is measured in the
// same run and shown beside. Exits non-zero when this checkout misses a target.
//
// Debian's Chromium (/usr/bin/chromium) with the flags of playwright.config.ts. The signed-in
// page gets the session cookie as an extra request header: Lighthouse clears the origin's
// storage, cookies included, before it loads a page.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { stopChildrenOnSignal } from "../scripts/lib/run.mjs";
import { buildTree, numberOption, seed, startMoto, startTreeServer, trees } from "./web-ground.mjs";

const RUNS = numberOption("runs", 3);
// `--save DIR` keeps each run's full Lighthouse result (JSON) for a closer look.
const SAVE = process.argv.includes("--save") ? process.argv[process.argv.indexOf("--save") + 1] : undefined;
const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const PAGES = [
  { name: "/login", signedIn: false, path: () => "/login" },
  { name: "Secrets page", signedIn: true, path: (seeded) => seeded.secretsPath },
];
// [label, read from a Lighthouse result, target check, how to print]
const METRICS = [
  ["performance", (lhr) => lhr.categories.performance.score * 100, (v) => v >= 90, (v) => v.toFixed(0)],
  ["accessibility", (lhr) => lhr.categories.accessibility.score * 100, (v) => v === 100, (v) => v.toFixed(0)],
  ["best practices", (lhr) => lhr.categories["best-practices"].score * 100, (v) => v === 100, (v) => v.toFixed(0)],
  ["TBT", (lhr) => lhr.audits["total-blocking-time"].numericValue, (v) => v <= 200, (v) => `${v.toFixed(0)} ms`],
  ["LCP", (lhr) => lhr.audits["largest-contentful-paint"].numericValue, null, (v) => `${(v / 1000).toFixed(2)} s`],
  ["TTI", (lhr) => lhr.audits.interactive.numericValue, null, (v) => `${(v / 1000).toFixed(2)} s`],
  ["FCP", (lhr) => lhr.audits["first-contentful-paint"].numericValue, null, (v) => `${(v / 1000).toFixed(2)} s`],
];
const TARGETS = "performance ≥ 90, accessibility 100, best practices 100, TBT ≤ 200 ms";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One Lighthouse run in a fresh Chromium; a run whose trace came out broken is retried twice. */
async function audit(url, extraHeaders, attempt = 1) {
  try {
    return await auditOnce(url, extraHeaders);
  } catch (error) {
    if (attempt >= 3 || !error.retry) throw error;
    console.log(`  (${error.message}; again)`);
    return audit(url, extraHeaders, attempt + 1);
  }
}

async function auditOnce(url, extraHeaders) {
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      extraHeaders,
    });
    if (!result?.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) {
      // NO_NAVSTART and its kin: Chromium's trace of a load on a busy machine, not the page.
      throw Object.assign(new Error(`${url}: ${result.lhr.runtimeError.code}`), { retry: true });
    }
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

/** The audits that cost points: failed a11y/best-practice checks and performance opportunities. */
function failures(lhr) {
  const out = new Set();
  for (const id of ["performance", "accessibility", "best-practices"]) {
    for (const ref of lhr.categories[id].auditRefs) {
      const a = lhr.audits[ref.id];
      const savingMs = a.metricSavings ? Math.max(0, ...Object.values(a.metricSavings)) : 0;
      if (["notApplicable", "manual", "informative"].includes(a.scoreDisplayMode) && savingMs < 50) continue;
      if ((a.score === null || a.score >= 0.9) && savingMs < 50) continue;
      const saving = savingMs >= 50 ? `, saves ~${Math.round(savingMs)} ms` : "";
      out.add(`${id}: ${a.id} (${a.displayValue ?? a.title}${saving})`);
    }
  }
  return [...out];
}

async function measureTree(tree, motoUrl) {
  console.log(`\n== ${tree.label}`);
  await buildTree(tree.dir);
  const server = await startTreeServer(tree.dir, motoUrl);
  try {
    const seeded = await seed(server.url);
    const results = {};
    for (const page of PAGES) {
      const headers = page.signedIn ? { Cookie: `${seeded.cookie.name}=${seeded.cookie.value}` } : undefined;
      const runs = [];
      const seen = new Set();
      for (let i = 0; i < RUNS; i++) {
        const lhr = await audit(new URL(page.path(seeded), server.url).href, headers);
        runs.push(METRICS.map(([, read]) => read(lhr)));
        if (SAVE) {
          mkdirSync(SAVE, { recursive: true });
          const file = `${tree.label.replace(/\W+/g, "-")}-${page.name.replace(/\W+/g, "")}-${i + 1}.json`;
          writeFileSync(join(SAVE, file), JSON.stringify(lhr));
        }
        for (const failure of failures(lhr)) seen.add(failure);
        const figures = METRICS.map(([label, , , show], m) => `${label} ${show(runs[i][m])}`);
        console.log(`  ${page.name} run ${i + 1}: ${figures.join(", ")}`);
      }
      if (seen.size > 0) console.log(`  ${page.name}, audits that cost points:\n    ${[...seen].join("\n    ")}`);
      results[page.name] = METRICS.map((_, m) => runs.map((run) => run[m]));
    }
    return results;
  } finally {
    await server.stop();
  }
}

stopChildrenOnSignal();
const measured = trees();
const moto = await startMoto();
const results = [];
try {
  for (const tree of measured) results.push(await measureTree(tree, moto.url));
} finally {
  await moto.stop();
}

console.log(`\nLighthouse 12, mobile preset; median of ${RUNS} run(s) [min–max]; targets: ${TARGETS}`);
let ok = true;
for (const page of PAGES) {
  console.log(`${page.name}:`);
  METRICS.forEach(([label, , meets, show], m) => {
    const cell = (values) =>
      `${show(median(values))} [${show(Math.min(...values))}–${show(Math.max(...values))}]`.padEnd(26);
    const mine = results[0][page.name][m];
    const verdict = meets ? (meets(median(mine)) ? "ok  " : "MISS") : "    ";
    if (meets && !meets(median(mine))) ok = false;
    const beside = results
      .slice(1)
      .map((r, i) => `| ${measured[i + 1].label}: ${cell(r[page.name][m])}`)
      .join(" ");
    console.log(`  ${label.padEnd(15)} ${cell(mine)} ${verdict} ${beside}`);
  });
}
process.exit(ok ? 0 : 1);
