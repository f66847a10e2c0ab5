import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "../../env.ts";
import type { Logger } from "../logger.ts";
import { parseRootKey } from "./envelope.ts";

export class RootKeyError extends Error {}

/**
 * Resolves the root key: LEASEHOLD_ROOT_KEY when set; in embedded mode a key generated
 * once into the data dir (mode 0600). With PostgreSQL the key must be given, since
 * several instances must share it and a local file would silently differ between them.
 */
export function resolveRootKeys(env: Env, logger: Logger): { primary: Buffer; previous: Buffer[] } {
  const previous = (env.LEASEHOLD_PREVIOUS_ROOT_KEYS ?? "")
    .split(",")
    .filter((v) => v.trim())
    .map((value, i) => parseOrThrow(value, `LEASEHOLD_PREVIOUS_ROOT_KEYS[${i}]`));
  if (env.LEASEHOLD_ROOT_KEY) return { primary: parseOrThrow(env.LEASEHOLD_ROOT_KEY, "LEASEHOLD_ROOT_KEY"), previous };
  if (env.DATABASE_URL) {
    throw new RootKeyError(
      "LEASEHOLD_ROOT_KEY is required when DATABASE_URL is set (32 random bytes, base64: `openssl rand -base64 32`).",
    );
  }
  const file = path.resolve(env.LEASEHOLD_DATA_DIR, "root.key");
  if (existsSync(file)) return { primary: parseOrThrow(readFileSync(file, "utf8"), file), previous };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  logger.warn(
    { file },
    "Generated a root encryption key for the embedded database. " +
      "Back it up; in production set LEASEHOLD_ROOT_KEY instead.",
  );
  return { primary: parseOrThrow(readFileSync(file, "utf8"), file), previous };
}

function parseOrThrow(value: string, name: string): Buffer {
  try {
    return parseRootKey(value);
  } catch (error) {
    throw new RootKeyError(`${name} is not a valid root key: it ${(error as Error).message}.`);
  }
}
