// A cross-process file lock: O_CREAT|O_EXCL creation is atomic on every local file system,
// so exactly one process holds `<file>.lock` at a time. AWS SDKs call credential_process from
// several threads at once; without this, each call would create its own lease.
import { randomBytes } from "node:crypto";
import { link, open, readFile, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { ensurePrivateDir } from "./state.ts";

export class LockTimeoutError extends Error {
  constructor(readonly lockFile: string) {
    super(`Timed out waiting for the lock ${lockFile}; another leasehold process holds it`);
  }
}

interface LockOwner {
  pid: number;
  nonce: string;
  at: number;
}

/** A lock older than this belongs to a process that hung or died in a way `kill(pid, 0)` cannot see. */
const STALE_AFTER_MS = 120_000;

export async function withFileLock<T>(
  file: string,
  run: () => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const lockFile = `${file}.lock`;
  await ensurePrivateDir(dirname(lockFile));
  const owner: LockOwner = { pid: process.pid, nonce: randomBytes(8).toString("hex"), at: Date.now() };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let wait = 10;
  for (;;) {
    try {
      const handle = await open(lockFile, "wx", 0o600);
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await breakIfStale(lockFile)) continue;
    if (Date.now() > deadline) throw new LockTimeoutError(lockFile);
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 200);
  }
  try {
    return await run();
  } finally {
    await release(lockFile, owner.nonce);
  }
}

async function readOwner(lockFile: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(lockFile, "utf8")) as LockOwner;
  } catch {
    return null; // gone, or being written this instant
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes a lock whose owner died. It is moved aside (rename is atomic) and checked: if what
 * was moved is not the lock judged stale (its owner released it and another took it meanwhile),
 * it is linked back, which fails harmlessly if yet another process has the lock by then.
 */
async function breakIfStale(lockFile: string): Promise<boolean> {
  const owner = await readOwner(lockFile);
  if (!owner || (isAlive(owner.pid) && Date.now() - owner.at < STALE_AFTER_MS)) return false;
  const aside = `${lockFile}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await rename(lockFile, aside);
  } catch {
    return true; // someone else broke or released it: try again
  }
  const moved = await readOwner(aside);
  if (moved && moved.nonce !== owner.nonce) await link(aside, lockFile).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}

async function release(lockFile: string, nonce: string): Promise<void> {
  const owner = await readOwner(lockFile);
  // Never remove a lock that is not ours (ours was broken as stale and someone else holds it now).
  if (owner?.nonce === nonce) await unlink(lockFile).catch(() => undefined);
}
