/**
 * The environment a Nightly process needs to use this emulator in place of both providers: the
 * clients it registered and where its OAuth, token, revocation, JWKS and data endpoints live.
 * Demo, dev, the e2e stack, the bench and integration tests all start from this one map.
 */
import type { GoogleClient } from "./google/clients";
import type { RegisteredClient } from "./types";

export function nightlyEnvForEmulator(
  emulatorUrl: string,
  clients: { fitbit: Pick<RegisteredClient, "clientId" | "clientSecret">; google: Pick<GoogleClient, "clientId" | "clientSecret"> },
): Record<string, string> {
  return {
    FITBIT_CLIENT_ID: clients.fitbit.clientId,
    FITBIT_CLIENT_SECRET: clients.fitbit.clientSecret,
    FITBIT_OAUTH_BASE_URL: emulatorUrl,
    FITBIT_API_BASE_URL: emulatorUrl,
    GOOGLE_CLIENT_ID: clients.google.clientId,
    GOOGLE_CLIENT_SECRET: clients.google.clientSecret,
    GOOGLE_OAUTH_BASE_URL: emulatorUrl,
    GOOGLE_TOKEN_URL: `${emulatorUrl}/token`,
    GOOGLE_REVOKE_URL: `${emulatorUrl}/revoke`,
    GOOGLE_JWKS_URL: `${emulatorUrl}/oauth2/v3/certs`,
    GOOGLE_HEALTH_API_BASE_URL: emulatorUrl,
  };
}
