// Test counts passed from the stage scripts to scripts/test.mjs, and the
// summary table. A stage writes its rows to $LEASEHOLD_RESULTS_FILE if set.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// One temp folder per process for reporters' JSON, removed when it exits
// (even when interrupted: the signal handlers end in process.exit).
let folder;
let counter = 0;
/** A fresh path for a reporter's JSON output. */
export function tempJsonPath(name) {
  if (!folder) {
    folder = mkdtempSync(join(tmpdir(), "leasehold-results-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  }
  return join(folder, `${++counter}-${name}`);
}

/** Counts from vitest's JSON reporter (Jest-compatible shape). */
export function readVitestCounts(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8"));
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + (r.numTodoTests ?? 0),
  };
}

/** Hands this stage's rows to test.mjs, when it is the caller. */
export function reportRows(rows) {
  if (process.env.LEASEHOLD_RESULTS_FILE) writeFileSync(process.env.LEASEHOLD_RESULTS_FILE, JSON.stringify(rows));
}

export function readRows(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

export function formatCounts(c) {
  if (!c) return "no results";
  return `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`;
}

/** Rows: { name, status: "ok"|"FAILED"|"not run", passed?, failed?, skipped?, seconds? } */
export function printTable(rows) {
  const cell = (v) => (v === undefined || v === null ? "-" : String(v));
  const lines = [
    ["stage", "status", "passed", "failed", "skipped", "time"],
    ...rows.map((r) => [
      r.name,
      r.status,
      cell(r.passed),
      cell(r.failed),
      cell(r.skipped),
      r.seconds === undefined ? "-" : `${r.seconds.toFixed(1)}s`,
    ]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const [i, line] of lines.entries()) {
    console.log(line.map((v, j) => (j < 2 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}
