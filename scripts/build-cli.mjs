// Builds the `leasehold` CLI into one dependency-free file (dist/leasehold.mjs) that can be
// copied to a machine or a Lambda layer, and the Node client into dist/leasehold-client.mjs
// for plain JavaScript (Node ≥ 20). Both bundle zod, the shared contracts and the AWS SDK parts.
import { chmod } from "node:fs/promises";
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  // Some AWS SDK dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __lhRequire } from "node:module"; const require = __lhRequire(import.meta.url);',
  },
  logLevel: "warning",
};

export async function buildCli(outfile = "dist/leasehold.mjs") {
  await build({
    ...common,
    entryPoints: ["client/cli/main.ts"],
    outfile,
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  });
  await chmod(outfile, 0o755);
  return outfile;
}

export async function buildClient(outfile = "dist/leasehold-client.mjs") {
  await build({ ...common, entryPoints: ["client/index.ts"], outfile, minify: false });
  return outfile;
}

// `node scripts/build-cli.mjs [DIR]`: into DIR (tests build into a temp folder), dist/ by default.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const [cli, client] = await Promise.all([
    buildCli(`${dir}/leasehold.mjs`),
    buildClient(`${dir}/leasehold-client.mjs`),
  ]);
  console.log(`built ${cli} and ${client}`);
}
