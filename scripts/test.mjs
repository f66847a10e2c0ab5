// `npm test`: everything, in order, stopping at the first failure:
// lint (biome ci: lint + format check) → line length → unused exports (knip) → tools → typecheck, then on this
// Node (20) and again on Node 24 (scripts/lib/second-node.mjs): unit → integration (PGlite, PostgreSQL) → e2e → fuzz.
// Each stage is a child process that stops its own servers by pid; on
// SIGINT/SIGTERM the running stage is stopped the same way.
// LEASEHOLD_SECOND_NODE=off skips the second pass (a quicker local run; CI never sets it).

import { printTable, readRows, readVitestCounts, tempJsonPath } from "./lib/results.mjs";
import { binOf, run, runNode, stopChildrenOnSignal, wasInterrupted } from "./lib/run.mjs";
import { ensureSecondNode, runningOnSecondNode, SECOND_NODE_VERSION } from "./lib/second-node.mjs";

/** The stages whose outcome depends on the Node that runs them, on the Node at `node()`. */
function nodeStages(label, node) {
  let vitestJson;
  return [
    {
      name: `unit (${label})`,
      run: () => {
        vitestJson = tempJsonPath("unit.json");
        const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`];
        return run(node(), [binOf("vitest"), "run", "--project", "unit", "--project", "web", ...reporters]);
      },
      counts: () => readVitestCounts(vitestJson),
    },
    { name: `integration (${label})`, script: "scripts/test-integration.mjs", node, label },
    { name: `e2e (${label})`, script: "scripts/test-e2e.mjs", node, label },
    { name: `fuzz (${label})`, script: "scripts/test-fuzz.mjs", node, label },
  ];
}

const thisNode = `node ${process.versions.node.split(".")[0]}`;
let secondNode;
const stages = [
  { name: "lint", run: () => runNode(binOf("@biomejs/biome", "biome"), ["ci", "."]) },
  // Biome formats code at 120 columns but leaves long strings and comments as they are.
  { name: "line length", run: () => runNode("scripts/check-line-length.mjs") },
  { name: "unused exports", run: () => runNode(binOf("knip"), ["--no-progress"]) },
  { name: "tools", run: () => runNode("scripts/lib/ensure-tools.mjs") },
  {
    // The web without Node types, the server without DOM types (shared/ under both), the e2e specs with both.
    name: "typecheck",
    run: async () => {
      for (const project of ["tsconfig.web.json", "tsconfig.server.json", "tsconfig.e2e.json"]) {
        const code = await runNode(binOf("typescript", "tsc"), ["-p", project, "--noEmit"]);
        if (code !== 0) return code;
      }
      return 0;
    },
  },
  ...nodeStages(thisNode, () => process.execPath),
];
if (process.env.LEASEHOLD_SECOND_NODE !== "off" && !runningOnSecondNode()) {
  const label = `node ${SECOND_NODE_VERSION.split(".")[0]}`;
  stages.push(
    {
      name: `install node ${SECOND_NODE_VERSION}`,
      run: async () => {
        try {
          secondNode = ensureSecondNode();
          return 0;
        } catch (error) {
          console.error(`[second-node] ${error.message}`);
          return 1;
        }
      },
    },
    ...nodeStages(label, () => secondNode),
  );
}

/** "integration (pglite)" → "integration (pglite, node 24)". */
function withLabel(name, label) {
  if (!label) return name;
  return name.endsWith(")") ? `${name.slice(0, -1)}, ${label})` : `${name} (${label})`;
}

stopChildrenOnSignal();
const rows = [];
let failed = false;
for (const stage of stages) {
  if (failed) {
    rows.push({ name: stage.name, status: "not run" });
    continue;
  }
  console.log(`\n━━━ ${stage.name} ━━━`);
  const started = Date.now();
  const resultsFile = stage.script ? tempJsonPath("rows.json") : null;
  const code = stage.script
    ? await run((stage.node ?? (() => process.execPath))(), [stage.script], {
        env: { LEASEHOLD_RESULTS_FILE: resultsFile },
      })
    : await stage.run();
  const seconds = (Date.now() - started) / 1000;
  const status = code === 0 ? "ok" : "FAILED";
  // Stage scripts report one row per part (e.g. one per database).
  const reported = stage.script ? readRows(resultsFile) : null;
  if (reported) rows.push(...reported.map((row) => ({ ...row, name: withLabel(row.name, stage.label) })));
  if (!reported || (code !== 0 && reported.every((r) => r.status === "ok"))) {
    rows.push({ name: stage.name, status, ...stage.counts?.(), seconds });
  }
  failed = code !== 0;
}

console.log("\n━━━ summary ━━━");
printTable(rows);
const total = (key) => rows.reduce((sum, r) => sum + (r[key] ?? 0), 0);
const stoppedAt = rows.find((r) => r.status === "FAILED");
console.log(`\nnpm test: ${stoppedAt ? `FAILED at ${stoppedAt.name}` : "all stages passed"}`);
console.log(`${total("passed")} passed, ${total("failed")} failed`);
process.exit(wasInterrupted() ? 143 : failed ? 1 : 0);
