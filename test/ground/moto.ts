// moto, the AWS emulator, as a child process on a free loopback port.
// See TESTING.md for what it checks and what it does not.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { venvBin } from "./paths.ts";
import { answers, freePort, spawnGround, waitUntil } from "./processes.ts";

export const MOTO_ACCOUNT_ID = "123456789012";

export interface MotoOptions {
  /**
   * INITIAL_NO_AUTH_ACTION_COUNT: moto authenticates every request after the
   * first N (signatures, unknown keys, identity and trust policies).
   * Leave unset for the default, which checks nothing.
   */
  authenticating?: number;
  env?: Record<string, string>;
}

export interface Moto {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const bin = join(venvBin, "moto_server");
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`node scripts/lib/ensure-tools.mjs\` (npm test does)`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Managed policies such as arn:aws:iam::aws:policy/ReadOnlyAccess exist only with this.
    MOTO_IAM_LOAD_MANAGED_POLICIES: "true",
    ...options.env,
  };
  if (options.authenticating !== undefined) env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.authenticating);

  // The port can be taken between freePort() and moto's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = spawnGround(bin, ["-H", "127.0.0.1", "-p", String(port)], { env });
    try {
      await waitUntil("moto_server", () => answers(`${url}/moto-api/`), { proc, timeoutMs: 30_000 });
      return { url, pid: proc.pid, stop: () => proc.stop("SIGTERM", 5_000) };
    } catch (error) {
      await proc.stop("SIGKILL");
      if (attempt >= 3 || !proc.output().includes("Address already in use")) throw error;
    }
  }
}

async function motoApi(url: string, path: string, body?: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/${path}`, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "text/plain" },
    body,
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`moto ${path}: HTTP ${response.status}`);
}

/** Lets the next `n` requests through unauthenticated, then authenticates again. */
export function resetMotoAuth(url: string, n: number): Promise<void> {
  return motoApi(url, "reset-auth", String(n));
}
