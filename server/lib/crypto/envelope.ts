import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelope encryption.
 *
 * Each value gets a fresh 256-bit data key; the data key is wrapped by the root key.
 * The AAD binds the ciphertext to its table, row and column, so a ciphertext copied
 * into another row or column fails authentication instead of decrypting. The root
 * key's ID travels with every ciphertext so that keys can be rotated: new writes use
 * the primary key, older keys stay in the keyring for reading.
 *
 * Format: v1.<keyId>.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag> (base64url parts)
 */
interface CipherLocation {
  table: string;
  row: string;
  column: string;
}

export interface Envelope {
  readonly primaryKeyId: string;
  encrypt(plaintext: string, at: CipherLocation): string;
  decrypt(ciphertext: string, at: CipherLocation): string;
}

export class DecryptionError extends Error {
  constructor(message = "The value could not be decrypted") {
    super(message);
  }
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function rootKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/** Decodes a base64 root key, refusing anything that is not exactly 32 bytes. */
export function parseRootKey(base64: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new Error("must be base64");
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error(`must decode to 32 bytes, got ${key.length}`);
  return key;
}

function aadOf(at: CipherLocation): Buffer {
  return Buffer.from(JSON.stringify([at.table, at.row, at.column]), "utf8");
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): [Buffer, Buffer] {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [iv, body];
}

function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export function createEnvelope(primaryKey: Buffer, previousKeys: Buffer[] = []): Envelope {
  const keyring = new Map<string, Buffer>();
  for (const key of [primaryKey, ...previousKeys]) keyring.set(rootKeyId(key), key);
  const primaryKeyId = rootKeyId(primaryKey);

  return {
    primaryKeyId,
    encrypt(plaintext, at) {
      const aad = aadOf(at);
      const dataKey = randomBytes(32);
      // The wrapped data key is bound to the same location, so it cannot be reused elsewhere either.
      const [wrapIv, wrapped] = seal(primaryKey, dataKey, aad);
      const [iv, body] = seal(dataKey, Buffer.from(plaintext, "utf8"), aad);
      return [VERSION, primaryKeyId, wrapIv, wrapped, iv, body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    decrypt(ciphertext, at) {
      const parts = ciphertext.split(".");
      if (parts.length !== 6 || parts[0] !== VERSION) throw new DecryptionError("Unknown ciphertext format");
      const [, keyId, wrapIv, wrapped, iv, body] = parts as [string, string, string, string, string, string];
      const rootKey = keyring.get(keyId);
      if (!rootKey) throw new DecryptionError(`No root key with ID ${keyId} is configured`);
      const aad = aadOf(at);
      const dataKey = open(rootKey, Buffer.from(wrapIv, "base64url"), Buffer.from(wrapped, "base64url"), aad);
      return open(dataKey, Buffer.from(iv, "base64url"), Buffer.from(body, "base64url"), aad).toString("utf8");
    },
  };
}
