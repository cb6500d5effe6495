/**
 * `npm run dev`: the Next.js dev server with generated local secrets (.data/local-secrets.json),
 * database and migrations as `npm start`. Without provider credentials it starts the emulator
 * (Fitbit and Google) and points Nightly at it, the same switch as the demo.
 */
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, googleRedirectUri, startEmulator } from "../emulator/server";
import { FITBIT_PROVIDER_ID } from "../lib/providers/fitbit/id";
import { launchWeb } from "./lib/launch-web";
import { ensureLocalSecrets } from "./lib/local-secrets";
import { handleSignals, loadDotEnv, onShutdown, runLauncher } from "./lib/processes";
import { nightlyEnvForEmulator } from "../emulator/nightly-env";

await runLauncher(async () => {
  handleSignals();
  loadDotEnv();
  Object.assign(process.env, { ...ensureLocalSecrets(), ...pickSet(process.env) });
  if (!process.env.FITBIT_CLIENT_ID && !process.env.GOOGLE_CLIENT_ID) await useEmulator();
  await launchWeb("development");
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
    ...nightlyEnvForEmulator(emulator.url, { fitbit: client, google: googleClient }),
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
