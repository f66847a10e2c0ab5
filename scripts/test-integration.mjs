// `npm run test:integration`: the integration project once on PGlite and once
// on PostgreSQL. Both passes always run; the script fails if either fails.

import { formatCounts, readVitestCounts, reportRows, tempJsonPath } from "./lib/results.mjs";
import { binOf, runNode, stopChildrenOnSignal } from "./lib/run.mjs";

stopChildrenOnSignal();
const extra = process.argv.slice(2); // e.g. a file filter, passed on to vitest
const rows = [];
for (const db of ["pglite", "postgres"]) {
  const json = tempJsonPath(`integration-${db}.json`);
  const started = Date.now();
  console.log(`\n=== integration on ${db} ===`);
  const code = await runNode(
    binOf("vitest"),
    ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${json}`, ...extra],
    { env: { LEASEHOLD_TEST_DB: db } },
  );
  const counts = readVitestCounts(json);
  const ok = code === 0 && counts !== null;
  rows.push({
    name: `integration (${db})`,
    status: ok ? "ok" : "FAILED",
    ...counts,
    seconds: (Date.now() - started) / 1000,
  });
}

console.log("");
for (const row of rows)
  console.log(
    `integration on ${row.name.slice(13, -1)}: ${row.status} (${formatCounts(row.passed === undefined ? null : row)})`,
  );
reportRows(rows);
process.exit(rows.every((r) => r.status === "ok") ? 0 : 1);
