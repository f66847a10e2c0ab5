// Child processes of the run scripts: started with `node <bin>` so that the
// pid we hold is the real process (npx would not pass signals on), and all
// stopped by pid when the script is interrupted or ends.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(import.meta.url), "../../..");
const require = createRequire(join(root, "package.json"));
const children = new Set();
let interrupted = false;

/** The JS file behind a package's bin, e.g. binOf("vitest") → …/vitest.mjs. */
export function binOf(pkg, name = pkg) {
  // Not require.resolve(`${pkg}/package.json`): a package whose "exports" leaves out package.json (knip) refuses it.
  const manifestPath =
    require.resolve
      .paths(pkg)
      ?.map((dir) => join(dir, pkg, "package.json"))
      .find(existsSync) ?? require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin[name]);
}

/**
 * Runs a command to completion, output passed through. Resolves with the exit
 * code (a signal counts as 1). `onOutput` also receives the output as text.
 */
export function run(cmd, args, { env, cwd = root, onOutput } = {}) {
  // Once interrupted, start nothing new: the signal handler is about to exit.
  if (interrupted) return new Promise(() => {});
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: onOutput ? ["inherit", "pipe", "pipe"] : "inherit",
    });
    children.add(child);
    if (onOutput) {
      child.stdout.on("data", (chunk) => {
        process.stdout.write(chunk);
        onOutput(chunk.toString());
      });
      child.stderr.on("data", (chunk) => {
        process.stderr.write(chunk);
        onOutput(chunk.toString());
      });
    }
    child.once("error", (error) => {
      console.error(`[run] ${cmd}: ${error.message}`);
      children.delete(child);
      resolvePromise(1);
    });
    child.once("exit", (code) => {
      children.delete(child);
      resolvePromise(code ?? 1);
    });
  });
}

/** `node <file> …args` with this same Node binary. */
export function runNode(file, args = [], options) {
  return run(process.execPath, [file, ...args], options);
}

/** Stops every child still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChildren(graceMs = 10_000) {
  const waits = [...children].map(
    (child) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        child.once("exit", () => {
          clearTimeout(timer);
          done();
        });
        child.kill("SIGTERM");
      }),
  );
  await Promise.all(waits);
}

/** True once SIGINT/SIGTERM arrived: the signal handler owns the exit then. */
export const wasInterrupted = () => interrupted;

/** On SIGINT/SIGTERM: stop the children by pid, run `cleanup`, exit 130/143. */
export function stopChildrenOnSignal(cleanup = async () => {}) {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.once(signal, async () => {
      interrupted = true;
      console.error(`\n[run] ${signal}: stopping ${children.size} child process(es)`);
      await stopChildren();
      await cleanup();
      process.exit(code);
    });
  }
}

/** Imports a TypeScript module of the test ground (Node 20 cannot run .ts). */
export async function importGround(name) {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(join(root, "test/ground", name), import.meta.url);
}
