import { z } from "zod";

/** Every environment variable Leasehold reads, validated once at start-up. */
const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const LEASE_RECOVERY_AFTER_MIN_SECONDS = 90;

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  ),
  LEASEHOLD_DATA_DIR: z.string().default("./data"),
  /** 32 bytes, base64. Generated into the data dir in embedded mode when unset. */
  LEASEHOLD_ROOT_KEY: optionalString,
  /** Older root keys still accepted for decryption during rotation, comma-separated base64. */
  LEASEHOLD_PREVIOUS_ROOT_KEYS: optionalString,
  /** The public origin (e.g. https://leasehold.example.com); used for links and the CSRF origin check. */
  LEASEHOLD_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** Marks cookies Secure and enables HSTS. Defaults to true in production. */
  LEASEHOLD_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is believed. */
  LEASEHOLD_TRUSTED_PROXIES: optionalString,
  /** This server's ID for the X-Leasehold-Server-ID header; generated and stored when unset. */
  LEASEHOLD_SERVER_ID: optionalString,
  LEASEHOLD_SESSION_IDLE_TTL: seconds(60 * 60 * 12),
  LEASEHOLD_SESSION_ABSOLUTE_TTL: seconds(60 * 60 * 24 * 7),
  LEASEHOLD_SHUTDOWN_TIMEOUT: seconds(15),

  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL: optionalString.pipe(z.url().optional()),
  AWS_ENDPOINT_URL_STS: optionalString.pipe(z.url().optional()),
  AWS_ENDPOINT_URL_IAM: optionalString.pipe(z.url().optional()),
  INF_APP_CONNECTION_AWS_ACCESS_KEY_ID: optionalString,
  INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY: optionalString,
  DYNAMIC_SECRET_AWS_ACCESS_KEY_ID: optionalString,
  DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY: optionalString,
  KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN: booleanFlag,

  /** Lease workers (docs/decisions/0501-lease-state-machine.md): how often they look for due leases. */
  LEASEHOLD_LEASE_EXPIRY_INTERVAL: seconds(10),
  LEASEHOLD_LEASE_RECOVERY_INTERVAL: seconds(60),
  /**
   * A lease still `creating` after this long was interrupted (a crash): recovery cleans it up.
   * Also how long a create's or a revocation's claim holds without a heartbeat (decision 1103).
   * At least 90 s: one AWS call with the SDK's retries can take about 65 s (4 attempts × (5 s
   * connect + 10 s answer), plus backoff), and a claim must outlast any stall between heartbeats.
   */
  LEASEHOLD_LEASE_RECOVERY_AFTER: z.coerce
    .number()
    .int()
    .min(LEASE_RECOVERY_AFTER_MIN_SECONDS, {
      error: `must be at least ${LEASE_RECOVERY_AFTER_MIN_SECONDS} s, longer than one AWS call with its retries`,
    })
    .default(300),
  /** Revocations run at once per instance; bounds AWS calls so throttling stays absorbable. */
  LEASEHOLD_LEASE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Live leases (creating, active, revoking, revoke_failed) allowed per dynamic secret. */
  LEASEHOLD_LEASE_QUOTA: z.coerce.number().int().min(1).max(100_000).default(500),
  /**
   * Turns on GET /metrics (Prometheus), for scrapers that send it as a bearer token. Off when
   * unset. At least 24 characters, so that it cannot be guessed (e.g. `openssl rand -hex 24`).
   */
  LEASEHOLD_METRICS_TOKEN: optionalString.pipe(
    z.string().min(24, { error: "must be at least 24 characters (e.g. openssl rand -hex 24)" }).optional(),
  ),
});

export type Env = z.infer<typeof envSchema> & {
  /** Derived: true in production unless LEASEHOLD_SECURE_COOKIES says otherwise. */
  secureCookies: boolean;
};

export class EnvError extends Error {}

/** Parses the environment; a bad value throws an EnvError naming the variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const secureCookies =
    env.LEASEHOLD_SECURE_COOKIES !== undefined
      ? env.LEASEHOLD_SECURE_COOKIES === "true"
      : env.NODE_ENV === "production";
  return { ...env, secureCookies };
}
