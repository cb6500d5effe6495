/**
 * What `npm start` (production) refuses before it touches anything, each as one clear line:
 * demo mode, the secrets `npm run demo`/`npm run dev` generate for local use, a missing token
 * key, and provider URLs over plain http anywhere but loopback (tokens would cross the network
 * in the clear). The launcher prints the line and exits 1.
 */
import { isLoopbackUrl } from "../../lib/providers/avatar-hosts";

export interface LocalSecrets {
  NEXTAUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
}

const PROVIDER_URLS = [
  "FITBIT_OAUTH_BASE_URL",
  "FITBIT_API_BASE_URL",
  "GOOGLE_OAUTH_BASE_URL",
  "GOOGLE_TOKEN_URL",
  "GOOGLE_REVOKE_URL",
  "GOOGLE_JWKS_URL",
  "GOOGLE_HEALTH_API_BASE_URL",
  // The keys that verify push notifications: fetched over http, anyone on the path could forge them.
  "GOOGLE_WEBHOOK_KEYSET_URL",
];

export function productionStartProblem(env: NodeJS.ProcessEnv, localSecrets: LocalSecrets | null): string | null {
  if (env.NIGHTLY_DEMO === "1") {
    return "Refusing to start: NIGHTLY_DEMO=1 is demo mode, which production never runs (use `npm run demo` to try Nightly).";
  }
  if (!env.TOKEN_ENCRYPTION_KEY) {
    return "Refusing to start: TOKEN_ENCRYPTION_KEY is not set; generate one with: node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"";
  }
  const generatedKeys = new Set((localSecrets?.TOKEN_ENCRYPTION_KEY ?? "").split(",").filter(Boolean));
  const configuredKeys = env.TOKEN_ENCRYPTION_KEY.split(",").map((key) => key.trim());
  if (configuredKeys.some((key) => generatedKeys.has(key) || key.startsWith("demo"))) {
    return "Refusing to start: TOKEN_ENCRYPTION_KEY holds the local key generated for demo/dev (.data/local-secrets.json); give production its own key.";
  }
  if (env.NEXTAUTH_SECRET && localSecrets && env.NEXTAUTH_SECRET === localSecrets.NEXTAUTH_SECRET) {
    return "Refusing to start: NEXTAUTH_SECRET is the local secret generated for demo/dev (.data/local-secrets.json); give production its own secret.";
  }
  for (const name of PROVIDER_URLS) {
    const value = env[name];
    if (value && value.startsWith("http:") && !isLoopbackUrl(value)) {
      return `Refusing to start: ${name} uses plain http (${new URL(value).host}); provider URLs must be https (http only on loopback).`;
    }
  }
  return null;
}
