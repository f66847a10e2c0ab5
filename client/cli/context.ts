// What every command shares: where the server is, who logs in, and how to print.
import { isLeaseholdError } from "../index.ts";
import { EXIT, serverUrl, UsageError } from "./args.ts";
import { LockTimeoutError } from "./lock.ts";
import { createSession, currentFile, type Target } from "./session.ts";
import { readJsonFile, writePrivateJson } from "./state.ts";

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  /** Messages for people: never a secret (no key, no token). */
  stderr: (text: string) => void;
  isTty: boolean;
  readLine: () => Promise<string>;
}

export const VERSION = "0.1.0";

/** --url / LEASEHOLD_URL / the last `login aws`, and the same for the identity. */
export async function resolveTarget(values: Record<string, unknown>, io: Io): Promise<Target> {
  const current = await readJsonFile<{ url?: string; identityId?: string }>(currentFile(io.env));
  const url = (values.url as string | undefined) ?? io.env.LEASEHOLD_URL ?? current?.url;
  const identityId =
    (values["identity-id"] as string | undefined) ?? io.env.LEASEHOLD_IDENTITY_ID ?? current?.identityId;
  if (!url) throw new UsageError("Which server? Pass --url, set LEASEHOLD_URL, or run `leasehold login aws` first");
  if (!identityId) {
    throw new UsageError("Which identity? Pass --identity-id, set LEASEHOLD_IDENTITY_ID, or run `leasehold login aws`");
  }
  if (!/^[0-9a-f-]{36}$/i.test(identityId)) throw new UsageError(`--identity-id ${identityId} is not an identity ID`);
  const stsEndpoint = (values["sts-endpoint"] as string | undefined) ?? io.env.LEASEHOLD_STS_ENDPOINT;
  return { url: serverUrl(url), identityId, ...(stsEndpoint ? { stsEndpoint } : {}) };
}

export const sessionFor = (target: Target, io: Io) =>
  createSession(target, { env: io.env, userAgent: `leasehold-cli/${VERSION}` });

export const rememberTarget = (target: Target, io: Io) =>
  writePrivateJson(currentFile(io.env), { url: target.url, identityId: target.identityId });

/** Prints an error for people (or as JSON) and picks the exit code; never prints a secret. */
export function reportError(error: unknown, io: Io, json: boolean): number {
  if (error instanceof UsageError) {
    io.stderr(`leasehold: ${error.message}\nRun \`leasehold --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (isLeaseholdError(error)) {
    const code = exitCodeFor(error.statusCode);
    if (json) io.stderr(`${JSON.stringify({ error: error.toJSON() })}\n`);
    else {
      const reason = [error.statusCode ? `HTTP ${error.statusCode}` : null, error.reasonCode].filter(Boolean).join(" ");
      const request = error.requestId ? `, request ${error.requestId}` : "";
      const issues = error.issues.map((issue) => `\n  ${issue.path.join(".") || "(body)"}: ${issue.message}`).join("");
      io.stderr(`leasehold: ${error.message} (${reason}${request})${issues}\n`);
    }
    return code;
  }
  if (error instanceof LockTimeoutError) {
    io.stderr(`leasehold: ${error.message}\n`);
    return EXIT.unavailable;
  }
  if (isMissingAwsCredentials(error)) {
    io.stderr(
      "leasehold: no AWS credentials to sign the login with: give this machine a role (instance profile, " +
        "task or Lambda role, web identity) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n",
    );
    return EXIT.unauthenticated;
  }
  io.stderr(`leasehold: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failure;
}

function exitCodeFor(status: number): number {
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 0 || status === 429 || status >= 500) return EXIT.unavailable;
  if (status >= 400) return EXIT.invalid;
  return EXIT.failure;
}

function isMissingAwsCredentials(error: unknown): boolean {
  return error instanceof Error && error.name === "CredentialsProviderError";
}
