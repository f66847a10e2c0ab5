// Where the CLI keeps its state, and how it writes it: files only their user can read (0600,
// in 0700 folders), replaced atomically so a reader never sees half a file.
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** $LEASEHOLD_STATE_DIR, else $XDG_STATE_HOME/leasehold, else ~/.local/state/leasehold (XDG's default). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEASEHOLD_STATE_DIR) return env.LEASEHOLD_STATE_DIR;
  // XDG: a relative path is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME?.startsWith("/") ? env.XDG_STATE_HOME : null;
  return join(xdg ?? join(env.HOME || homedir(), ".local", "state"), "leasehold");
}

/** A short, stable file name for a key made of several parts (URL, identity, secret…). */
export function fileKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 24);
}

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function writePrivateJson(file: string, value: unknown): Promise<void> {
  await ensurePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    await chmod(temp, 0o600); // a umask cannot widen it, but make the promise explicit
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The parsed file, or null when it does not exist or is not JSON (a corrupt cache is a cache miss). */
export async function readJsonFile<T>(file: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
