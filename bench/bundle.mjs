// `npm run bench:bundle`: gzipped size of the JavaScript a first visit loads
// (the entry script of dist/web/index.html and everything it imports
// statically or modulepreloads) and of the largest lazily loaded route chunk,
// against budgets. Exits non-zero over budget. 1 kB = 1000 bytes, gzip -9.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "../scripts/lib/run.mjs";
import { ensureWebBuild, MANIFEST } from "../scripts/lib/web-build.mjs";

const BUDGET = { initial: 150_000, route: 60_000 };
const dist = join(root, "dist/web");

if (!(await ensureWebBuild({ needManifest: true }))) process.exit(1);
const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
const html = readFileSync(join(dist, "index.html"), "utf8");

// What index.html itself loads: every local script (classic ones such as a
// theme script block rendering too) and every modulepreload.
const attr = (tag, name) => new RegExp(`${name}="/?([^"]+)"`).exec(tag)?.[1];
const fromHtml = [
  ...[...html.matchAll(/<script\b[^>]*>/g)].map((m) => attr(m[0], "src")),
  ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)].map((m) => attr(m[0], "href")),
].filter((file) => file && !/^[a-z]+:/i.test(file));

// Plus the entry's static imports, transitively, as Vite's manifest records them.
const initial = new Set(fromHtml);
const seen = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return;
  seen.add(key);
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
if (initial.size === 0) {
  console.error("bench:bundle: no entry script found in dist/web/index.html");
  process.exit(1);
}

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const initialJs = [...initial].filter((f) => f.endsWith(".js"));
const initialBytes = initialJs.reduce((sum, f) => sum + gzipped(f), 0);
const routeChunks = [...new Set(Object.values(manifest).map((c) => c.file))]
  .filter((f) => f.endsWith(".js") && !initial.has(f))
  .map((file) => ({ file, bytes: gzipped(file) }))
  .sort((a, b) => b.bytes - a.bytes);
const largest = routeChunks[0] ?? { file: "(none)", bytes: 0 };

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const line = (label, bytes, budget, detail) => {
  const ratio = bytes / budget;
  console.log(
    `${label.padEnd(22)} ${kB(bytes).padStart(9)} / ${kB(budget).padStart(9)}  ${(ratio * 100).toFixed(0).padStart(3)}%  ${ratio > 1 ? "OVER" : "ok"}  ${detail}`,
  );
  return ratio <= 1;
};
console.log("gzipped JavaScript (gzip -9), dist/web:");
const ok = [
  line("initial JS", initialBytes, BUDGET.initial, `${initialJs.length} file(s): ${initialJs.join(", ")}`),
  line("largest route chunk", largest.bytes, BUDGET.route, `${largest.file} (of ${routeChunks.length} lazy chunks)`),
].every(Boolean);
process.exit(ok ? 0 : 1);
