// A throwaway PostgreSQL cluster for one test run, in a temp folder.
//
// Why the postmaster runs as our direct child rather than through
// `pg_ctl start`: pg_ctl daemonizes it, so a test runner killed by a signal
// would leave it running. As our child under setpriv --pdeathsig it dies with
// us, and we stop it by its own pid (SIGINT is PostgreSQL's "fast" shutdown).
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { forgetTempDir, freePort, removeAtExit, spawnGround, waitUntil } from "./processes.ts";

const run = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL to the `postgres` database; trust auth, no password. */
  adminUrl: string;
  pid: number;
  stop(): Promise<void>;
}

function postgresBinDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => join(base, v, "bin")).find((d) => existsSync(join(d, "initdb")));
  if (!dir) throw new Error("PostgreSQL is not installed: run `node scripts/lib/ensure-tools.mjs` (npm test does)");
  return dir;
}

/** PostgreSQL refuses to run as root, so as root we act as the `postgres` OS user. */
function postgresOsUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("OS user postgres not found (the postgresql package creates it)");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const owner = postgresOsUser();
  const user = owner ? "postgres" : undefined;
  const dir = mkdtempSync(join(tmpdir(), "leasehold-pg-"));
  removeAtExit(dir);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const asUser = (cmd: string, args: string[]) =>
    owner ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args);

  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    forgetTempDir(dir);
  };
  try {
    await asUser(join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C",
    ]);
  } catch (error) {
    cleanup();
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? error}`);
  }

  // The port can be taken between freePort() and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawnGround(
      join(bin, "postgres"),
      [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        dir, // the unix socket stays in our folder, away from the system cluster's
        "-c",
        "listen_addresses=127.0.0.1",
        // Throwaway data: durability only costs time here.
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        // Parallel test files each open pools of their own.
        "-c",
        "max_connections=200",
      ],
      { user, deathSignal: "KILL" },
    );
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await waitUntil("postgres", () => canQuery(adminUrl), { proc, timeoutMs: 30_000 });
      return {
        adminUrl,
        pid: proc.pid,
        async stop() {
          await proc.stop("SIGINT", 10_000);
          cleanup();
        },
      };
    } catch (error) {
      await proc.stop("SIGKILL");
      if (attempt >= 3 || !proc.output().includes("could not bind")) {
        cleanup();
        throw error;
      }
    }
  }
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates a fresh, uniquely named database in the cluster and returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `lh_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
