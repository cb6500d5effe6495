/**
 * The whole stack for the end-to-end suite, with real parts only: an embedded PostgreSQL, the
 * Fitbit emulator over HTTP, and TWO Nightly production servers on one database (the
 * scale-out shape). URLs reach the tests through process.env.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { DEFAULT_OIDC_CLIENT, DEMO_STAFF } from "../../emulator/oidc/staff";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, googleRedirectUri, startEmulator } from "../../emulator/server";
import { generateTokenKey } from "../../lib/crypto/token-cipher";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrateDatabase } from "../../lib/db/migrate";
import { freePort } from "../../lib/testing/free-port";
import { buildIfNeeded } from "../../scripts/lib/build";
import { nextBin } from "../../scripts/lib/processes";
import { waitForHttp } from "../../scripts/lib/wait";
import { nightlyEnvForEmulator } from "../../emulator/nightly-env";

export default async function globalSetup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "nightly-e2e-"));
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort() });
  await migrateDatabase(database.url);

  const [portA, portB] = [await freePort(), await freePort()];
  const appA = `http://localhost:${portA}`;
  const appB = `http://localhost:${portB}`;
  const client = {
    ...DEFAULT_CLIENT,
    redirectUris: [`${appA}/api/auth/callback/fitbit`, `${appB}/api/auth/callback/fitbit`],
  };
  const staffClient = { ...DEFAULT_OIDC_CLIENT, redirectUris: [`${appA}/api/auth/callback/oidc`, `${appB}/api/auth/callback/oidc`] };
  const googleClient = { ...DEFAULT_GOOGLE_CLIENT, redirectUris: [googleRedirectUri(appA), googleRedirectUri(appB)] };
  const emulator = await startEmulator({ port: await freePort(), clients: [client], googleClients: [googleClient], oidcClients: [staffClient] });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
    TOKEN_ENCRYPTION_KEY: generateTokenKey("e2e1"),
    ...nightlyEnvForEmulator(emulator.url, { fitbit: client, google: googleClient }),
    EMULATOR_URL: emulator.url,
    OIDC_ISSUER: `${emulator.url}/oidc`,
    OIDC_CLIENT_ID: staffClient.clientId,
    OIDC_CLIENT_SECRET: staffClient.clientSecret,
    ADMIN_EMAILS: DEMO_STAFF[0]!.email,
    LOG_LEVEL: "warn",
    // A year of history (not two): the Google journey waits for the whole of it.
    SYNC_HISTORY_DAYS: "365",
  };
  buildIfNeeded(env);

  const servers: ChildProcess[] = [];
  for (const [port, url] of [
    [portA, appA],
    [portB, appB],
  ] as const) {
    const child = spawn(process.execPath, [nextBin(), "start", "-p", String(port)], {
      env: { ...env, PORT: String(port), NEXTAUTH_URL: url },
      stdio: ["ignore", "inherit", "inherit"],
    });
    servers.push(child);
  }
  await Promise.all([waitForHttp(`${appA}/api/health`), waitForHttp(`${appB}/api/health`)]);

  Object.assign(process.env, {
    E2E_APP_URL: appA,
    E2E_APP_B_URL: appB,
    E2E_EMULATOR_URL: emulator.url,
    E2E_DATABASE_URL: database.url,
    E2E_TOKEN_KEY: env.TOKEN_ENCRYPTION_KEY,
  });

  return async () => {
    await Promise.all(
      servers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
    await emulator.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
