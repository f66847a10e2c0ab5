import pino, { type Logger } from "pino";

/**
 * Every path that can carry a secret. pino's redaction runs before serialisation,
 * so these never reach a log line (tests grep the captured logs to prove it).
 */
const REDACT_PATHS = [
  "password",
  "*.password",
  "secretAccessKey",
  "*.secretAccessKey",
  "*.*.secretAccessKey",
  "secretKey",
  "*.secretKey",
  "*.*.secretKey",
  "sessionToken",
  "*.sessionToken",
  "accessToken",
  "*.accessToken",
  "token",
  "*.token",
  "csrfToken",
  "*.csrfToken",
  "cookie",
  "*.cookie",
  "*.headers.cookie",
  "*.headers.authorization",
  "*.headers['set-cookie']",
  "*.headers['x-csrf-token']",
  "authorization",
  "*.authorization",
  "SECRET_ACCESS_KEY",
  "*.SECRET_ACCESS_KEY",
  "iamRequestHeaders",
  "*.iamRequestHeaders",
];

export type { Logger };

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "leasehold" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Asynchronous writes to stdout: a log line must not block the request that wrote it.
    // index.ts flushes on shutdown so nothing is lost on a clean stop.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
