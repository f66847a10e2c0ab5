import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("./check-line-length.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "line-length-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(files: Record<string, string>) {
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  const run = spawnSync(process.execPath, [script, ...paths], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, paths };
}

describe("check-line-length", () => {
  it("passes lines of 120 characters, counting characters rather than bytes", () => {
    const run = check({ "fits.ts": `${"x".repeat(120)}\n${"…".repeat(120)}\r\n` });
    expect(run.stdout).toBe("");
    expect(run.status).toBe(0);
  });

  it("names each line over 120 characters with its length, and exits 1", () => {
    const run = check({ "long.ts": `ok\n${"x".repeat(121)}\nok\n${"≤".repeat(130)}\n`, "notes.md": "y".repeat(200) });
    const [path] = run.paths;
    expect(run.stdout).toBe(`${path}:2: 121 characters\n${path}:4: 130 characters\n`);
    expect(run.stderr).toContain("2 lines over 120 characters");
    expect(run.status).toBe(1);
  });
});
