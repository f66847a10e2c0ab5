// credential_process's heart: one cached lease per (server, identity, secret, location, TTL),
// renewed before it expires, replaced by a new lease when renewal would pass the max TTL
// (or the credentials are temporary and cannot be renewed), all under a file lock so that
// parallel invocations share one lease.
import { join } from "node:path";
import { parseDuration } from "#shared/durations.ts";
import { isLeaseholdError, type LeaseholdError } from "../index.ts";
import { type AwsCredentials, credentialsFromLease, type LeaseData } from "./formats.ts";
import { withFileLock } from "./lock.ts";
import type { Session, Target } from "./session.ts";
import { fileKey, readJsonFile, stateDir, writePrivateJson } from "./state.ts";

export interface LeaseSpec {
  secret: string;
  project: string;
  env: string;
  path: string;
  /** Seconds; the secret's default TTL when absent. */
  ttlSeconds?: number | undefined;
  /** Renew (or re-lease) when less than this is left; by default 20 minutes, at most half the lease's TTL. */
  renewBeforeSeconds?: number | undefined;
}

interface CachedLease {
  leaseId: string;
  credentials: AwsCredentials;
  createdAt: number;
  expireAt: number;
  /** Creation + the secret's max TTL, or null when it has none. */
  maxExpireAt: number | null;
  renewable: boolean;
  /** What one renewal adds: the requested TTL, or the secret's default TTL. */
  renewBySeconds: number;
}

export type Outcome = "cached" | "renewed" | "created" | "stale-cache";

// Botocore refreshes credential_process credentials 15 minutes before they expire, AWS SDK v3
// 5 minutes before: renewing 20 minutes ahead keeps both from ever holding expiring keys.
const DEFAULT_RENEW_BEFORE_SECONDS = 1200;

function leaseCacheFile(target: Target, spec: LeaseSpec, env: NodeJS.ProcessEnv): string {
  const key = fileKey(
    target.url,
    target.identityId,
    spec.project,
    spec.env,
    spec.path,
    spec.secret,
    `${spec.ttlSeconds}`,
  );
  return join(stateDir(env), "leases", `${key}.json`);
}

export async function leasedCredentials(
  session: Session,
  target: Target,
  spec: LeaseSpec,
  options: { env?: NodeJS.ProcessEnv; now?: () => number; warn?: (message: string) => void } = {},
): Promise<{ credentials: AwsCredentials; outcome: Outcome; leaseId: string }> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const file = leaseCacheFile(target, spec, env);
  const location = { projectSlug: spec.project, environmentSlug: spec.env, path: spec.path };
  const ttl = spec.ttlSeconds;

  return withFileLock(file, async () => {
    const cached = await readJsonFile<CachedLease>(file);
    const left = cached ? cached.expireAt - now() : 0;
    if (cached && left > renewBeforeMs(cached, spec)) return { ...done(cached, "cached") };

    let failure: unknown;
    if (cached && left > 0 && cached.renewable && canRenew(cached)) {
      try {
        const { lease } = await session.withClient((client) =>
          client.leases.renew({ leaseId: cached.leaseId, ...location, ...(ttl ? { ttl } : {}) }),
        );
        const renewed = { ...cached, expireAt: Date.parse(lease.expireAt) };
        renewed.credentials = { ...cached.credentials, expiration: lease.expireAt };
        await writePrivateJson(file, renewed);
        return done(renewed, "renewed");
      } catch (error) {
        // Refused (past max TTL, revoked, expired): lease anew. Otherwise the server is unwell: see below.
        if (!isRefusal(error)) failure = error;
      }
    }
    if (!failure) {
      try {
        const created = await session.withClient((client) =>
          client.leases.create({ dynamicSecretName: spec.secret, ...location, ...(ttl ? { ttl } : {}) }),
        );
        const data = created.data as LeaseData;
        const maxTtl = created.dynamicSecret.maxTTL ? parseDuration(created.dynamicSecret.maxTTL) : null;
        const createdAt = Date.parse(created.lease.createdAt);
        const fresh: CachedLease = {
          leaseId: created.lease.id,
          credentials: credentialsFromLease(data, created.lease.expireAt),
          createdAt,
          expireAt: Date.parse(created.lease.expireAt),
          maxExpireAt: maxTtl === null ? null : createdAt + maxTtl * 1000,
          // Temporary credentials (a session token) cannot be extended at AWS: they are re-leased.
          renewable: !data.SESSION_TOKEN,
          renewBySeconds: ttl ?? parseDuration(created.dynamicSecret.defaultTTL) ?? 0,
        };
        await writePrivateJson(file, fresh);
        return done(fresh, "created");
      } catch (error) {
        failure = error;
      }
    }
    // Keys that still work beat an error: the SDK asks again soon, when the server may be back.
    if (cached && cached.expireAt - now() > 10_000) {
      options.warn?.(
        `Could not renew or replace lease ${cached.leaseId} (${failureSummary(failure)}); using it until it expires`,
      );
      return done(cached, "stale-cache");
    }
    throw failure;
  });
}

function done(lease: CachedLease, outcome: Outcome) {
  return { credentials: lease.credentials, outcome, leaseId: lease.leaseId };
}

function renewBeforeMs(lease: CachedLease, spec: LeaseSpec): number {
  if (spec.renewBeforeSeconds !== undefined) return spec.renewBeforeSeconds * 1000;
  return Math.min(DEFAULT_RENEW_BEFORE_SECONDS * 1000, (lease.expireAt - lease.createdAt) / 2);
}

/** A renewal that would pass the max TTL is refused by the server: skip the round trip. */
function canRenew(lease: CachedLease): boolean {
  if (lease.maxExpireAt === null) return true;
  return lease.expireAt + lease.renewBySeconds * 1000 <= lease.maxExpireAt;
}

/** The server said no to this lease (not to us, and not because it is down). */
function isRefusal(error: unknown): error is LeaseholdError {
  return isLeaseholdError(error) && [400, 404, 409].includes(error.statusCode);
}

function failureSummary(error: unknown): string {
  if (isLeaseholdError(error)) return `${error.statusCode}${error.reasonCode ? ` ${error.reasonCode}` : ""}`;
  return error instanceof Error ? error.message : String(error);
}
