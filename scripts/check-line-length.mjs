// `node scripts/check-line-length.mjs [file…]`: every line of source code fits in 120 characters (issue 13).
// Biome formats code at that width but leaves long strings, template literals, comments and class lists alone;
// this check catches those. Without arguments it reads every tracked .ts, .tsx, .mjs, .js and .css file;
// with arguments, only those of them. Prints `path:line: N characters` per long line and exits 1 if there is any.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const SOURCE = /\.(ts|tsx|mjs|js|css)$/;
const SKIPPED = new Set([
  // Written by TanStack Router's plugin on every build, in its own layout; biome and knip skip it too.
  "web/routeTree.gen.ts",
]);

function trackedFiles() {
  return execFileSync("git", ["ls-files", "-z"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\0");
}

function readIfPresent(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    // A tracked file deleted in the working tree is not there to check.
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

const files = (process.argv.length > 2 ? process.argv.slice(2) : trackedFiles()).filter(
  (path) => SOURCE.test(path) && !SKIPPED.has(path),
);
let long = 0;
for (const path of files) {
  const text = readIfPresent(path);
  if (text === null) continue;
  text.split(/\r?\n/).forEach((line, i) => {
    // Characters, not UTF-16 units or bytes: "…" and "≤" count as one.
    const length = [...line].length;
    if (length > MAX) {
      long++;
      console.log(`${path}:${i + 1}: ${length} characters`);
    }
  });
}
if (long > 0) {
  console.error(`${long} line${long === 1 ? "" : "s"} over ${MAX} characters: split the string or comment.`);
  process.exit(1);
}
