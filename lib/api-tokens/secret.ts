import { createHash, randomBytes } from "node:crypto";

/** Personal API tokens and enrolment links: 32 random bytes, only their SHA-256 is stored. */
export const API_TOKEN_PREFIX = "nly_";

export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
