/**
 * Demo and development secrets, generated once into .data/ (git-ignored) and reused, so
 * sessions and encrypted tokens survive restarts. Production never uses this: it must be
 * given NEXTAUTH_SECRET and TOKEN_ENCRYPTION_KEY.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { generateTokenKey } from "../../lib/crypto/token-cipher";

const FILE = ".data/local-secrets.json";

export function ensureLocalSecrets(): { NEXTAUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string } {
  if (existsSync(FILE)) {
    return JSON.parse(readFileSync(FILE, "utf8")) as { NEXTAUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string };
  }
  mkdirSync(".data", { recursive: true });
  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), TOKEN_ENCRYPTION_KEY: generateTokenKey("demo1") };
  writeFileSync(FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  console.log(`Created a token encryption key and session secret for local use in ${FILE}.`);
  return secrets;
}
