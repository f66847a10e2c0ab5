import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockTimeoutError, withFileLock } from "./lock.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withFileLock", () => {
  it("runs one holder at a time", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "lh-lock-")), "lease.json");
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withFileLock(file, async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(5);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it("breaks a lock whose owner process is gone", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "lh-lock-")), "lease.json");
    // A pid far above Linux's default pid_max: no such process.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4_194_000, nonce: "dead", at: Date.now() }));
    expect(await withFileLock(file, async () => "ran", { timeoutMs: 2_000 })).toBe("ran");
  });

  it("waits for a live owner, and gives up at the timeout", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "lh-lock-")), "lease.json");
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, nonce: "alive", at: Date.now() }));
    await expect(withFileLock(file, async () => "ran", { timeoutMs: 200 })).rejects.toBeInstanceOf(LockTimeoutError);
  });
});
