/**
 * `npm start` (production) and `npm run dev`: database (DATABASE_URL or embedded), migrations,
 * then Next.js. The web process also runs the background worker unless NIGHTLY_WORKER=off;
 * more workers: `npm run worker`.
 */
import { FITBIT_PROVIDER_ID } from "../lib/providers/fitbit/id";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, googleRedirectUri, startEmulator } from "../emulator/server";
import { parseEnv } from "../lib/config/env-schema";
import { migrateDatabase } from "../lib/db/migrate";
import { resolveDatabase } from "./lib/database";
import { ensureLocalSecrets } from "./lib/local-secrets";
import { handleSignals, loadDotEnv, nextBin, onShutdown, runLauncher, spawnChild } from "./lib/processes";

const dev = process.argv.includes("--dev");

await runLauncher(async () => {
  handleSignals();
  loadDotEnv();
  const production = !dev && process.env.NIGHTLY_DEMO !== "1";
  if (production && !process.env.TOKEN_ENCRYPTION_KEY) {
    throw new Error(
      "Refusing to start: TOKEN_ENCRYPTION_KEY is not set. Production stores Fitbit tokens encrypted and needs a key\n" +
        "(generate one with: node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\").",
    );
  }
  if (!production) Object.assign(process.env, { ...ensureLocalSecrets(), ...pickSet(process.env) });
  // Development without Fitbit credentials talks to the emulator, the same switch as the demo.
  if (dev && !process.env.FITBIT_CLIENT_ID && !process.env.GOOGLE_CLIENT_ID) await useEmulator();

  const database = await resolveDatabase();
  onShutdown(database.stop);
  process.env.DATABASE_URL = database.url;
  const { applied } = await migrateDatabase(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  const env = parseEnv({ ...process.env, NODE_ENV: dev ? "development" : "production" });
  // NextAuth v4 falls back to http://localhost:3000 on its own; give it the URL our default means.
  process.env.NEXTAUTH_URL = env.NEXTAUTH_URL;
  // In production Next.js leaves SIGTERM to instrumentation-node.ts, which stops the in-process
  // sync worker gracefully before exiting (Next.js would otherwise exit at once).
  const childEnv = dev ? { ...process.env } : { ...process.env, NEXT_MANUAL_SIG_HANDLE: "1" };
  spawnChild(process.execPath, [nextBin(), dev ? "dev" : "start", "-p", String(env.PORT)], childEnv, "Next.js");
  console.log(`Nightly ${dev ? "(dev) " : ""}on ${env.NEXTAUTH_URL}${database.embedded ? " with embedded PostgreSQL (.data/postgres)" : ""}`);
});

async function useEmulator() {
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const client = { ...DEFAULT_CLIENT, redirectUris: [`${appUrl}/api/auth/callback/${FITBIT_PROVIDER_ID}`] };
  const googleClient = { ...DEFAULT_GOOGLE_CLIENT, redirectUris: [googleRedirectUri(appUrl)] };
  const emulator = await startEmulator({
    port: Number(process.env.EMULATOR_PORT ?? 4010),
    clients: [client],
    googleClients: [googleClient],
  });
  onShutdown(emulator.close);
  Object.assign(process.env, {
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
  });
  console.log(`No provider credentials: using the emulator (Google and Fitbit) on ${emulator.url}`);
}

/** Explicitly configured secrets win over the generated local ones. */
function pickSet(source: NodeJS.ProcessEnv) {
  return Object.fromEntries(
    (["NEXTAUTH_SECRET", "TOKEN_ENCRYPTION_KEY"] as const).filter((key) => source[key]).map((key) => [key, source[key]]),
  );
}
