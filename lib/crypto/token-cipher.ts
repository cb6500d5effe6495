/**
 * AES-256-GCM for tokens at rest. Ciphertext format: `v1.<keyId>.<iv>.<tag>.<data>` (base64url).
 * The key id lets keys rotate: encrypt with the newest key, decrypt with whichever key the
 * ciphertext names. GCM authenticates, so tampered ciphertext throws instead of decrypting.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface TokenKey {
  id: string;
  material: Buffer;
}

export class TokenDecryptionError extends Error {
  constructor(reason: string) {
    super(`Stored token could not be decrypted: ${reason}`);
    this.name = "TokenDecryptionError";
  }
}

const VERSION = "v1";

export function encryptToken(plaintext: string, keys: readonly TokenKey[], context: string): string {
  const key = keys[0];
  if (!key) throw new Error("No token encryption key configured");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.material, iv);
  // The context (e.g. "connection:<id>:access") is authenticated, so a ciphertext copied into
  // another row or column does not decrypt there.
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptToken(ciphertext: string, keys: readonly TokenKey[], context: string): string {
  const parts = ciphertext.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenDecryptionError("unknown format");
  const [, keyId, ivText, tagText, dataText] = parts as [string, string, string, string, string];
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new TokenDecryptionError(`key "${keyId}" is not configured`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new TokenDecryptionError("malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.material, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError("authentication failed (tampered or wrong key)");
  }
}

/** A fresh random key in the env format, for demo mode and for operators (`keyId:base64`). */
export function generateTokenKey(id = "k1"): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}
