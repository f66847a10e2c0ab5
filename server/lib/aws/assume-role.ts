import { AssumeRoleCommand, type AssumeRoleCommandInput, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { Clock } from "../../context.ts";

/**
 * The one AssumeRole of the server (docs/decisions/0800-provider-seam.md): App Connections, the managing
 * session of a dynamic secret and temporary-credential leases all call it, each with its own error words.
 * `fromTemporaryCredentials` is not used: it keeps only the credentials (a lease needs the session's
 * `AssumedRoleId` to revoke it) and builds its own STS client outside core.aws (endpoints, timeouts).
 */
export interface AssumedSession {
  credentials: Required<Pick<AwsCredentialIdentity, "accessKeyId" | "secretAccessKey" | "sessionToken">> & {
    expiration: Date;
  };
  /** `AROA…:session-name`: the session's `aws:userid`. */
  assumedRoleId: string;
  assumedRoleArn: string;
}

export async function assumeRole(sts: STSClient, input: AssumeRoleCommandInput): Promise<AssumedSession> {
  const result = await sts.send(new AssumeRoleCommand(input));
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
    throw new Error("AssumeRole answered without credentials");
  return {
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    },
    assumedRoleId: result.AssumedRoleUser?.AssumedRoleId ?? "",
    assumedRoleArn: result.AssumedRoleUser?.Arn ?? "",
  };
}

/** Renew a cached session this long before AWS ends it, so no caller gets credentials about to die. */
const SESSION_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Sessions cached by key until shortly before they expire, on the injected clock; concurrent callers share
 * one fetch, and a failed fetch is forgotten at once. Bounded: the oldest entry goes first.
 */
export function createSessionCache(clock: Clock, options: { max: number; lifetimeMs: number }) {
  interface Entry {
    credentials?: AwsCredentialIdentity;
    renewAt: number;
    pending?: Promise<AwsCredentialIdentity>;
  }
  const entries = new Map<string, Entry>();
  return {
    get(key: string, fetch: () => Promise<AwsCredentialIdentity>): Promise<AwsCredentialIdentity> {
      const now = clock.now().getTime();
      const cached = entries.get(key);
      if (cached?.credentials && now < cached.renewAt) return Promise.resolve(cached.credentials);
      if (cached?.pending) return cached.pending;
      if (entries.size >= options.max && !cached) entries.delete(entries.keys().next().value!);
      const entry: Entry = { renewAt: 0 };
      entry.pending = fetch().then(
        (credentials) => {
          // The session lasts `lifetimeMs` unless AWS says it ends sooner.
          const ends = Math.min(now + options.lifetimeMs, credentials.expiration?.getTime() ?? Infinity);
          entry.credentials = credentials;
          entry.renewAt = ends - SESSION_REFRESH_MARGIN_MS;
          delete entry.pending;
          return credentials;
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      );
      entries.set(key, entry);
      return entry.pending;
    },
    /** Forgets every session whose key starts with `prefix`. */
    evict(prefix: string) {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
