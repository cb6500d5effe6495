/**
 * Test helpers for integration tests against real parts: a fresh migrated PostgreSQL database
 * per test file (in the cluster from global-setup.ts) and the process env the server code reads.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { generateTokenKey } from "../crypto/token-cipher";
import { migrateDatabase } from "../db/migrate";

export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return url.toString();
}

/** Sets the configuration the server modules validate on first use. Call before importing them. */
export function setServerEnv(options: { databaseUrl: string; emulatorUrl: string; clientId?: string; clientSecret?: string }) {
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: "http://localhost:3999",
    NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: process.env.TEST_TOKEN_KEY ?? (process.env.TEST_TOKEN_KEY = generateTokenKey("test1")),
    FITBIT_CLIENT_ID: options.clientId ?? "23NITE",
    FITBIT_CLIENT_SECRET: options.clientSecret ?? "nightly-demo-secret",
    FITBIT_OAUTH_BASE_URL: options.emulatorUrl,
    FITBIT_API_BASE_URL: options.emulatorUrl,
    GOOGLE_CLIENT_ID: "100200300400-nightlydemo.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "GOCSPX-nightly-demo-secret",
    GOOGLE_OAUTH_BASE_URL: options.emulatorUrl,
    GOOGLE_TOKEN_URL: `${options.emulatorUrl}/token`,
    GOOGLE_REVOKE_URL: `${options.emulatorUrl}/revoke`,
    GOOGLE_JWKS_URL: `${options.emulatorUrl}/oauth2/v3/certs`,
    GOOGLE_HEALTH_API_BASE_URL: options.emulatorUrl,
    LOG_LEVEL: "warn",
  });
}
