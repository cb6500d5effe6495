import "server-only";
import { env } from "@/lib/config/env";
import { decryptToken, encryptToken } from "./token-cipher";

/** Encrypts a provider token for one column of one connection row (see token-cipher.ts). */
export function sealToken(plaintext: string, connectionId: string, kind: "access" | "refresh"): string {
  return encryptToken(plaintext, env().TOKEN_ENCRYPTION_KEY, `connection:${connectionId}:${kind}`);
}

export function openToken(ciphertext: string, connectionId: string, kind: "access" | "refresh"): string {
  return decryptToken(ciphertext, env().TOKEN_ENCRYPTION_KEY, `connection:${connectionId}:${kind}`);
}
