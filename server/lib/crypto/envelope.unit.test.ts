import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEnvelope, DecryptionError, parseRootKey, rootKeyId } from "./envelope.ts";

const at = { table: "app_connections", row: "row-1", column: "secret_access_key" };

describe("envelope encryption", () => {
  const key = randomBytes(32);
  const envelope = createEnvelope(key);

  it("round-trips and never contains the plaintext", () => {
    const ciphertext = envelope.encrypt("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", at);
    expect(ciphertext).not.toContain("wJalrXUtnFEMI");
    expect(ciphertext.startsWith(`v1.${rootKeyId(key)}.`)).toBe(true);
    expect(envelope.decrypt(ciphertext, at)).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  });

  it("uses a fresh data key and IV each time", () => {
    expect(envelope.encrypt("same", at)).not.toBe(envelope.encrypt("same", at));
  });

  it("refuses a tampered ciphertext", () => {
    const parts = envelope.encrypt("secret", at).split(".");
    const body = Buffer.from(parts[5]!, "base64url");
    body[0] = body[0]! ^ 0xff;
    parts[5] = body.toString("base64url");
    expect(() => envelope.decrypt(parts.join("."), at)).toThrow(DecryptionError);
  });

  it("refuses a tampered wrapped data key", () => {
    const parts = envelope.encrypt("secret", at).split(".");
    const wrapped = Buffer.from(parts[3]!, "base64url");
    wrapped[2] = wrapped[2]! ^ 0x01;
    parts[3] = wrapped.toString("base64url");
    expect(() => envelope.decrypt(parts.join("."), at)).toThrow(DecryptionError);
  });

  it("refuses a wrong root key", () => {
    const ciphertext = envelope.encrypt("secret", at);
    const other = createEnvelope(randomBytes(32));
    expect(() => other.decrypt(ciphertext, at)).toThrow(/No root key/);
    // Even a forged key ID pointing at the other key fails authentication.
    const forged = ciphertext.replace(rootKeyId(key), other.primaryKeyId);
    expect(() => other.decrypt(forged, at)).toThrow(DecryptionError);
  });

  it("refuses a ciphertext moved to another row or column", () => {
    const ciphertext = envelope.encrypt("secret", at);
    expect(() => envelope.decrypt(ciphertext, { ...at, row: "row-2" })).toThrow(DecryptionError);
    expect(() => envelope.decrypt(ciphertext, { ...at, column: "access_key_id" })).toThrow(DecryptionError);
    expect(() => envelope.decrypt(ciphertext, { ...at, table: "dynamic_secrets" })).toThrow(DecryptionError);
  });

  it("decrypts values written under a previous root key after rotation", () => {
    const old = randomBytes(32);
    const ciphertext = createEnvelope(old).encrypt("rotated", at);
    const rotated = createEnvelope(randomBytes(32), [old]);
    expect(rotated.decrypt(ciphertext, at)).toBe("rotated");
    expect(rotated.encrypt("new", at).split(".")[1]).toBe(rotated.primaryKeyId);
  });

  it("refuses garbage", () => {
    expect(() => envelope.decrypt("not-a-ciphertext", at)).toThrow(DecryptionError);
    expect(() => envelope.decrypt("v1.a.b.c.d.e", at)).toThrow(DecryptionError);
  });
});

describe("parseRootKey", () => {
  it("accepts 32 bytes of base64", () => {
    expect(parseRootKey(randomBytes(32).toString("base64")).length).toBe(32);
  });
  it.each([
    ["too short", randomBytes(16).toString("base64"), /32 bytes/],
    ["not base64", "this is not base64!!", /base64/],
    ["empty", "", /base64/],
  ])("refuses a key that is %s", (_name, value, message) => {
    expect(() => parseRootKey(value)).toThrow(message);
  });
});
