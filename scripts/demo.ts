/**
 * `npm run demo`: the whole product on one machine with nothing configured — embedded
 * PostgreSQL, the Fitbit emulator with its demo people, and Nightly wired to both.
 */
import { FITBIT_PROVIDER_ID } from "../lib/providers/fitbit/id";
import { DEFAULT_OIDC_CLIENT, DEMO_STAFF } from "../emulator/oidc/staff";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, googleRedirectUri, startEmulator } from "../emulator/server";
import { migrateDatabase } from "../lib/db/migrate";
import { DEMO_RATE_LIMIT_PER_HOUR, REAL_LIMITS_SENTENCE } from "../lib/demo";
import { buildIfNeeded } from "./lib/build";
import { resolveDatabase } from "./lib/database";
import { ensureLocalSecrets } from "./lib/local-secrets";
import { handleSignals, nextBin, onShutdown, runLauncher, spawnChild } from "./lib/processes";
import { waitForHttp } from "./lib/wait";

await runLauncher(async () => {
  handleSignals();
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = `http://localhost:${port}`;
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4010);

  const client = { ...DEFAULT_CLIENT, redirectUris: [`${appUrl}/api/auth/callback/${FITBIT_PROVIDER_ID}`] };
  const staffClient = { ...DEFAULT_OIDC_CLIENT, redirectUris: [`${appUrl}/api/auth/callback/oidc`] };
  const googleClient = { ...DEFAULT_GOOGLE_CLIENT, redirectUris: [googleRedirectUri(appUrl)] };
  // A raised limit so the whole year syncs in about a minute (the banner says so).
  const emulator = await startEmulator({ port: emulatorPort, clients: [client], googleClients: [googleClient], oidcClients: [staffClient], rateLimitPerHour: DEMO_RATE_LIMIT_PER_HOUR });
  onShutdown(emulator.close);
  console.log(`Fitbit emulator on ${emulator.url} (demo people, consent page, control API under /__emulator/)`);
  console.log(`Emulator rate limit raised to ${DEMO_RATE_LIMIT_PER_HOUR.toLocaleString("en-GB")} requests an hour for the demo (${REAL_LIMITS_SENTENCE}).`);

  const database = await resolveDatabase();
  onShutdown(database.stop);
  await migrateDatabase(database.url);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ensureLocalSecrets(),
    NIGHTLY_DEMO: "1",
    PORT: String(port),
    NEXTAUTH_URL: appUrl,
    DATABASE_URL: database.url,
    FITBIT_CLIENT_ID: client.clientId,
    FITBIT_CLIENT_SECRET: client.clientSecret,
    FITBIT_OAUTH_BASE_URL: emulator.url,
    FITBIT_API_BASE_URL: emulator.url,
    GOOGLE_CLIENT_ID: googleClient.clientId,
    GOOGLE_CLIENT_SECRET: googleClient.clientSecret,
    GOOGLE_OAUTH_BASE_URL: emulator.url,
    GOOGLE_TOKEN_URL: `${emulator.url}/token`,
    GOOGLE_REVOKE_URL: `${emulator.url}/revoke`,
    GOOGLE_JWKS_URL: `${emulator.url}/oauth2/v3/certs`,
    GOOGLE_HEALTH_API_BASE_URL: emulator.url,
    EMULATOR_URL: emulator.url,
    // Staff sign-in through the emulator's OIDC issuer; its first demo person is an admin.
    OIDC_ISSUER: `${emulator.url}/oidc`,
    OIDC_CLIENT_ID: staffClient.clientId,
    OIDC_CLIENT_SECRET: staffClient.clientSecret,
    ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? DEMO_STAFF[0]!.email,
  };
  buildIfNeeded(env);
  spawnChild(process.execPath, [nextBin(), "start", "-p", String(port)], { ...env, NODE_ENV: "production" }, "Next.js");
  await waitForHttp(`${appUrl}/api/health`);
  console.log(`\n  Nightly demo is ready: open ${appUrl}\n  Sign in with Google (or Fitbit, legacy) and pick a demo person on the consent page. Ctrl+C stops everything.\n`);
});
