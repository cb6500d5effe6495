/**
 * Test helpers for integration tests against real parts: a fresh migrated PostgreSQL database
 * per test file (in the cluster from global-setup.ts) and the process env the server code reads.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { generateTokenKey } from "../crypto/token-cipher";
import { migrateDatabase } from "../db/migrate";
import { nightlyEnvForEmulator } from "../../emulator/nightly-env";
import { DEFAULT_GOOGLE_CLIENT } from "../../emulator/google/clients";

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
    ...nightlyEnvForEmulator(options.emulatorUrl, { fitbit: { clientId: options.clientId ?? "23NITE", clientSecret: options.clientSecret ?? "nightly-demo-secret" }, google: DEFAULT_GOOGLE_CLIENT }),
    LOG_LEVEL: "warn",
  });
}
