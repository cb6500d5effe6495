import { describe, expect, it } from "vitest";
import { tokenKeysSchema } from "../config/env-schema";
import { decryptToken, encryptToken, generateTokenKey, TokenDecryptionError } from "./token-cipher";

const oldKeys = tokenKeysSchema.parse(generateTokenKey("k1"));
const rotated = tokenKeysSchema.parse(`${generateTokenKey("k2")},${generateTokenKey("k1").replace(/:.*/, "")}:${oldKeys[0]!.material.toString("base64")}`);
const context = "connection:abc:access";

describe("token cipher (AES-256-GCM)", () => {
  it("round-trips and never contains the plaintext", () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.payload.signature";
    const sealed = encryptToken(token, oldKeys, context);
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain(token);
    expect(decryptToken(sealed, oldKeys, context)).toBe(token);
  });

  it("uses a random IV: the same token encrypts differently each time", () => {
    expect(encryptToken("same", oldKeys, context)).not.toBe(encryptToken("same", oldKeys, context));
  });

  it("rotates: encrypts with the newest key, decrypts old ciphertext with an older key", () => {
    const old = encryptToken("refresh-token", oldKeys, context);
    const fresh = encryptToken("refresh-token", rotated, context);
    expect(fresh).toMatch(/^v1\.k2\./);
    expect(decryptToken(old, rotated, context)).toBe("refresh-token");
    expect(decryptToken(fresh, rotated, context)).toBe("refresh-token");
  });

  it("rejects tampered ciphertext instead of using it", () => {
    const sealed = encryptToken("secret", oldKeys, context);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[4]!, "base64url");
    data[0] = data[0]! ^ 0xff;
    parts[4] = data.toString("base64url");
    expect(() => decryptToken(parts.join("."), oldKeys, context)).toThrow(TokenDecryptionError);
  });

  it("rejects ciphertext moved to another row or column (authenticated context)", () => {
    const sealed = encryptToken("secret", oldKeys, context);
    expect(() => decryptToken(sealed, oldKeys, "connection:other:access")).toThrow(TokenDecryptionError);
    expect(() => decryptToken(sealed, oldKeys, "connection:abc:refresh")).toThrow(TokenDecryptionError);
  });

  it("names a missing key instead of failing obscurely", () => {
    const sealed = encryptToken("secret", rotated, context);
    expect(() => decryptToken(sealed, oldKeys, context)).toThrow(/key "k2" is not configured/);
    expect(() => decryptToken("garbage", oldKeys, context)).toThrow(/unknown format/);
  });
});
