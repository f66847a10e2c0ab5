import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random opaque token: `<prefix>_<43 chars of base64url>` (256 bits). */
export function generateToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** Tokens are stored only as SHA-256 hex; a leaked table yields nothing usable. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
