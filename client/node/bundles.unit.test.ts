import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

// The two files `npm run build:cli` ships must run on plain Node, without tsx or node_modules.
const dir = mkdtempSync(join(tmpdir(), "leasehold-bundles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("builds a CLI and a client that plain Node runs from an empty folder", () => {
  execFileSync(process.execPath, ["scripts/build-cli.mjs", dir], { stdio: "pipe" });
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH } });
  expect(run([join(dir, "leasehold.mjs"), "--version"]).toString()).toMatch(/^\d+\.\d+\.\d+\n$/);
  const probe = `const m = await import(${JSON.stringify(join(dir, "leasehold-client.mjs"))});
    const error = await new m.LeaseholdClient({ baseUrl: "http://127.0.0.1:9" }).serverInfo().catch((e) => e);
    console.log(error instanceof m.LeaseholdError, error.reasonCode);`;
  expect(run(["--input-type=module", "-e", probe]).toString()).toBe("true network_error\n");
}, 60_000);
