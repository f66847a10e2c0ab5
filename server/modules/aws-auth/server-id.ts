import { randomBytes } from "node:crypto";

/**
 * This server's ID for the X-Leasehold-Server-ID header: LEASEHOLD_SERVER_ID when set,
 * otherwise one generated at first use and stored, so every instance sharing the
 * database (and every restart) agrees on it.
 */
export function createServerIdSource(deps: {
  configured: string | undefined;
  /** Stores the value unless one exists and returns whichever is stored. */
  storeOnce: (key: string, value: string) => Promise<string>;
}) {
  let cached: Promise<string> | undefined = deps.configured ? Promise.resolve(deps.configured) : undefined;
  return {
    get(): Promise<string> {
      cached ??= deps
        .storeOnce("server_id", `leasehold-${randomBytes(9).toString("base64url")}`)
        .catch((error: unknown) => {
          cached = undefined; // a database blip must not pin a rejected promise
          throw error;
        });
      return cached;
    },
  };
}
export type ServerIdSource = ReturnType<typeof createServerIdSource>;
