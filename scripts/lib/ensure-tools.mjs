// Installs the parts of the test ground that are missing (see TESTING.md):
// Chromium and PostgreSQL from Debian, moto and schemathesis in a venv.
// Idempotent: when everything is present it only stats a few files.
// A part that cannot be installed is a loud failure, never a skip: a test that
// silently skips cannot fail, and so proves nothing.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const venv = join(root, ".venv");
// Ranges, not "latest": the fuzz script speaks the schemathesis 4 CLI, and
// TESTING.md documents moto 5.2's behaviour.
const PIP_PACKAGES = ["moto[server]>=5.2,<5.3", "schemathesis>=4,<5"];

const has = {
  chromium: () => existsSync("/usr/bin/chromium"),
  postgres: () => postgresBinDirs().length > 0,
  moto: () => existsSync(join(venv, "bin/moto_server")),
  schemathesis: () => ["schemathesis", "st"].some((b) => existsSync(join(venv, "bin", b))),
};

/** /usr/lib/postgresql/<version>/bin folders that hold initdb, newest first. */
export function postgresBinDirs() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, "bin"))
    .filter((dir) => existsSync(join(dir, "initdb")));
}

class ToolError extends Error {}

function run(cmd, args, what) {
  console.log(`[ensure-tools] $ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.error || r.status !== 0) {
    throw new ToolError(`${what} failed (${r.error?.message ?? `exit ${r.status}`}): ${cmd} ${args.join(" ")}`);
  }
}

let aptUpdated = false;
function aptInstall(packages) {
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const [cmd, ...pre] = [...sudo, "apt-get"];
  // Wait for a dpkg lock held by another apt run instead of failing at once.
  const lock = ["-o", "DPkg::Lock::Timeout=600"];
  if (!aptUpdated) run(cmd, [...pre, ...lock, "update"], "apt-get update");
  aptUpdated = true;
  run(
    cmd,
    [...pre, ...lock, "install", "-y", "--no-install-recommends", ...packages],
    `apt-get install ${packages.join(" ")}`,
  );
}

function ensureVenv() {
  if (!existsSync(join(venv, "bin/python"))) {
    // Debian's python3 lacks ensurepip unless python3-venv is installed.
    const probe = spawnSync("python3", ["-c", "import ensurepip, venv"], { stdio: "ignore" });
    if (probe.status !== 0) aptInstall(["python3-venv"]);
    run("python3", ["-m", "venv", venv], "creating the Python venv in .venv/");
  }
  run(join(venv, "bin/pip"), ["install", "--quiet", ...PIP_PACKAGES], "pip install into .venv/");
}

export function ensureTools() {
  const started = Date.now();
  const apt = [];
  // Without recommends, but with the fonts that make screenshots legible.
  if (!has.chromium()) apt.push("chromium", "fonts-liberation");
  if (!has.postgres()) apt.push("postgresql");
  if (apt.length > 0) aptInstall(apt);
  if (!has.moto() || !has.schemathesis()) ensureVenv();

  const missing = Object.entries(has)
    .filter(([, present]) => !present())
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new ToolError(`still missing after install: ${missing.join(", ")}`);
  }
  console.log(`[ensure-tools] chromium, postgresql, moto, schemathesis present (${Date.now() - started} ms)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureTools();
  } catch (error) {
    const ci = process.env.CI === "true" ? " (CI=true: a missing part is a failure, not a skip)" : "";
    console.error(`\n[ensure-tools] FAILED${ci}: ${error.message}\n`);
    process.exit(1);
  }
}
