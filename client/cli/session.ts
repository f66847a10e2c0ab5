// The machine's Leasehold session: an access token kept in a 0600 file under the state dir,
// renewed when near expiry and replaced by a fresh AWS Auth login when renewal is no longer possible.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { isLeaseholdError, LeaseholdClient } from "../index.ts";
import { withFileLock } from "./lock.ts";
import { fileKey, readJsonFile, stateDir, writePrivateJson } from "./state.ts";

export interface Target {
  url: string;
  identityId: string;
  /** Sign logins for this STS endpoint (identities bound to a regional endpoint). */
  stsEndpoint?: string | undefined;
}

export interface StoredToken {
  url: string;
  identityId: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Creation + max TTL: no renewal passes it. */
  maxExpiresAt: number;
  ttlSeconds: number;
}

export interface SessionOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  userAgent?: string;
}

/** The defaults `leasehold login aws` records, so later commands need no --url or --identity-id. */
export const currentFile = (env: NodeJS.ProcessEnv) => join(stateDir(env), "current.json");
const tokenFile = (target: Target, env: NodeJS.ProcessEnv) =>
  join(stateDir(env), "tokens", `${fileKey(target.url, target.identityId)}.json`);

/** Renew when less than this is left: a fifth of the token's TTL, between 30 s and 10 minutes. */
const renewWindowMs = (ttlSeconds: number) => Math.min(600_000, Math.max(30_000, (ttlSeconds * 1000) / 5));

export function createSession(target: Target, options: SessionOptions = {}) {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const file = tokenFile(target, env);
  const client = new LeaseholdClient({
    baseUrl: target.url,
    timeoutMs: 30_000,
    headers: { "user-agent": options.userAgent ?? "leasehold-cli" },
  });

  const store = (token: { accessToken: string; expiresIn: number; accessTokenMaxTTL: number }, maxAt?: number) => {
    const at = now();
    const stored: StoredToken = {
      url: target.url,
      identityId: target.identityId,
      accessToken: token.accessToken,
      expiresAt: at + token.expiresIn * 1000,
      maxExpiresAt: maxAt ?? at + token.accessTokenMaxTTL * 1000,
      ttlSeconds: token.expiresIn,
    };
    return writePrivateJson(file, stored).then(() => stored);
  };

  async function login(): Promise<StoredToken> {
    const aws = { identityId: target.identityId, ...(target.stsEndpoint ? { stsEndpoint: target.stsEndpoint } : {}) };
    try {
      return store(await client.login({ aws }));
    } catch (error) {
      // Another process with the same AWS credentials (logging in as another identity) signed in the
      // same second, so the same signature: sign again in the next second.
      if (!isLeaseholdError(error) || error.reasonCode !== "request_replayed") throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
      return store(await client.login({ aws }));
    }
  }

  /** A token good for a while: the stored one, renewed if near expiry, or a new login. */
  async function ensureToken(options: { forceLogin?: boolean } = {}): Promise<StoredToken> {
    return withFileLock(file, async () => {
      const stored = options.forceLogin ? null : await readJsonFile<StoredToken>(file);
      const remaining = stored ? stored.expiresAt - now() : 0;
      if (stored && remaining > renewWindowMs(stored.ttlSeconds)) return stored;
      if (stored && remaining > 5_000 && stored.maxExpiresAt - stored.expiresAt > 1_000) {
        try {
          return await store(await client.token.renew({ accessToken: stored.accessToken }), stored.maxExpiresAt);
        } catch (error) {
          // Past its max TTL, revoked or used up: log in again. Anything else (network) is the caller's to see.
          if (!isLeaseholdError(error) || error.statusCode !== 401) throw error;
        }
      }
      return login();
    });
  }

  /** Runs a call with a valid token; a token revoked meanwhile (401) gets one fresh login and a retry. */
  async function withClient<T>(call: (client: LeaseholdClient) => Promise<T>): Promise<T> {
    client.accessToken = (await ensureToken()).accessToken;
    try {
      return await call(client);
    } catch (error) {
      if (!isLeaseholdError(error) || error.statusCode !== 401) throw error;
      client.accessToken = (await ensureToken({ forceLogin: true })).accessToken;
      return call(client);
    }
  }

  /** Renews the stored token now; null when there is none. */
  async function renew(): Promise<StoredToken | null> {
    return withFileLock(file, async () => {
      const stored = await readJsonFile<StoredToken>(file);
      if (!stored) return null;
      return store(await client.token.renew({ accessToken: stored.accessToken }), stored.maxExpiresAt);
    });
  }

  /** Revokes the stored token at the server and forgets it; false when there was none. */
  async function logout(): Promise<boolean> {
    return withFileLock(file, async () => {
      const stored = await readJsonFile<StoredToken>(file);
      if (stored) await client.token.revoke({ accessToken: stored.accessToken });
      await rm(file, { force: true });
      return Boolean(stored);
    });
  }

  return {
    client,
    file,
    renew,
    logout,
    login: () => withFileLock(file, login),
    ensureToken,
    withClient,
    stored: () => readJsonFile<StoredToken>(file),
  };
}
export type Session = ReturnType<typeof createSession>;
