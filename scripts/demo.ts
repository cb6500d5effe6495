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
import { KEYSET_PATH, PROJECT_TOKEN } from "../emulator/google/webhooks/routes";
import { nightlyEnvForEmulator } from "../emulator/nightly-env";

/** Not a secret: the demo's emulator and Nightly share it on this machine only. */
const DEMO_WEBHOOK_SECRET = "Bearer nightly-demo-webhook-secret";

/** The emulator's webhook subscriber for this Nightly (replaced on every start: the app URL may differ). */
async function subscribeDemo(emulatorUrl: string, appUrl: string): Promise<void> {
  const base = `${emulatorUrl}/v4/projects/100200300400/subscribers`;
  const headers = { authorization: `Bearer ${PROJECT_TOKEN}`, "content-type": "application/json" };
  await fetch(`${base}/nightly-demo?force=true`, { method: "DELETE", headers }).catch(() => null);
  const response = await fetch(`${base}?subscriberId=nightly-demo`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      endpointUri: `${appUrl}/api/webhooks/google-health`,
      subscriberConfigs: [{ dataTypes: ["sleep", "daily-heart-rate-variability", "heart-rate-variability", "respiratory-rate-sleep-summary"], subscriptionCreatePolicy: "AUTOMATIC" }],
      endpointAuthorization: { secret: DEMO_WEBHOOK_SECRET },
    }),
  }).catch(() => null);
  console.log(response?.ok ? "Push on: the emulator notifies Nightly of new nights (webhook subscriber nightly-demo)." : `Push not set up (${response?.status ?? "no answer"}); Nightly polls instead.`);
}

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
    ...nightlyEnvForEmulator(emulator.url, { fitbit: client, google: googleClient }),
    // Push: the emulator signs notifications with its own key (docs/decisions/0017).
    GOOGLE_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    GOOGLE_WEBHOOK_KEYSET_URL: `${emulator.url}${KEYSET_PATH}`,
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
  await subscribeDemo(emulator.url, appUrl);
  console.log(`\n  Nightly demo is ready: open ${appUrl}\n  Sign in with Google (or Fitbit, legacy) and pick a demo person on the consent page. Ctrl+C stops everything.\n`);
});
