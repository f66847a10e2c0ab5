// Child processes of the test ground: spawned so that they die with us, and
// stopped by their own process id. Used by moto.ts, postgres.ts and server.ts.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";

export interface GroundProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines the process wrote, for error messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Sends `signal`, then SIGKILL after `graceMs` if it is still alive. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const live = new Set<GroundProcess>();
const tempDirs = new Set<string>();

// Last resort when the owner never called stop(): a normal or error exit of
// this process. Only synchronous work is possible in an 'exit' handler.
process.once("exit", () => {
  for (const p of live) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a process killed a moment ago may still be writing: leave it to the OS
    }
  }
});

/** Removes `dir` at exit unless it was removed before (see forgetTempDir). */
export function removeAtExit(dir: string): void {
  tempDirs.add(dir);
}
export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

// setpriv(1) from util-linux sets PR_SET_PDEATHSIG and then execs the command,
// so the child keeps the pid we know and the kernel kills it when we die, even
// by SIGKILL, when no 'exit' handler runs. The "parent" is the spawning
// *thread*: spawn from a process (vitest pool "forks"), not a worker thread.
const SETPRIV = "/usr/bin/setpriv";

export interface SpawnGroundOptions extends SpawnOptions {
  /** Run as this OS user (setpriv --reuid); used for PostgreSQL when root. */
  user?: string;
  /** The signal the child gets when this process dies. Default SIGKILL. */
  deathSignal?: "KILL" | "TERM" | "INT";
  /** Also append everything the child writes to this stream. */
  tee?: NodeJS.WritableStream;
}

export function spawnGround(command: string, args: string[], options: SpawnGroundOptions = {}): GroundProcess {
  const { user, deathSignal = "KILL", tee, ...spawnOptions } = options;
  let cmd = command;
  let argv = args;
  if (existsSync(SETPRIV)) {
    const asUser = user ? [`--reuid=${user}`, `--regid=${user}`, "--init-groups"] : [];
    cmd = SETPRIV;
    argv = ["--pdeathsig", deathSignal, ...asUser, "--", command, ...args];
  } else if (user) {
    throw new Error(`${SETPRIV} is needed to run ${command} as ${user}`);
  }
  const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], ...spawnOptions });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.once("error", (error) => resolve(error.message));
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${command}`);

  // Always drain the pipes: a child blocked on a full pipe looks hung.
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    tee?.write(chunk);
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const handle: GroundProcess = {
    child,
    pid: child.pid,
    output: () => lines.join("\n"),
    exited,
    async stop(signal = "SIGTERM", graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      live.delete(handle);
    },
  };
  live.add(handle);
  void exited.then(() => live.delete(handle));
  return handle;
}

/** A loopback port that was free a moment ago. Callers retry on EADDRINUSE. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Polls `check` until it returns true. Fails early when `proc` exits, since
 * waiting for a dead process only hides the reason in a timeout.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  { proc, timeoutMs = 30_000 }: { proc?: GroundProcess; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void proc?.exited.then((code) => (exit = code));
  for (;;) {
    if (await check().catch(() => false)) return;
    if (exit !== undefined) {
      throw new Error(`${what} exited (${exit}) before it was ready:\n${proc?.output()}`);
    }
    if (Date.now() > deadline) {
      await proc?.stop("SIGKILL");
      throw new Error(`${what} not ready after ${timeoutMs} ms:\n${proc?.output() ?? ""}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when `url` answers at all (any HTTP status). */
export async function answers(url: string, okOnly = false): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return okOnly ? response.ok : true;
}
