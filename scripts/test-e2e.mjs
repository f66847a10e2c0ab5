// `npm run test:e2e`: Playwright on Debian's Chromium against the real server.
// playwright.config.ts's globalSetup (test/ground/e2e-setup.ts) starts moto
// and the server and stops them by pid; this script builds the web app first
// and turns Playwright's JSON report into counts for scripts/test.mjs.
import { existsSync, readFileSync } from "node:fs";
import { formatCounts, reportRows, tempJsonPath } from "./lib/results.mjs";
import { binOf, runNode, stopChildrenOnSignal } from "./lib/run.mjs";
import { ensureWebBuild } from "./lib/web-build.mjs";

stopChildrenOnSignal();
if (!(await ensureWebBuild())) process.exit(1);

const json = tempJsonPath("e2e.json");
const started = Date.now();
const code = await runNode(
  binOf("@playwright/test", "playwright"),
  ["test", "--reporter=list,json", ...process.argv.slice(2)],
  {
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: json },
  },
);

let counts = null;
if (existsSync(json)) {
  const { stats } = JSON.parse(readFileSync(json, "utf8"));
  // A flaky test (passed on retry) counts as failed: retries are 0 anyway.
  counts = { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
}
const ok = code === 0 && counts !== null;
console.log(`\ne2e: ${ok ? "ok" : "FAILED"} (${formatCounts(counts)})`);
reportRows([
  { name: "e2e (chromium)", status: ok ? "ok" : "FAILED", ...counts, seconds: (Date.now() - started) / 1000 },
]);
process.exit(ok ? 0 : 1);
