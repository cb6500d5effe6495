import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { decryptToken, encryptToken } from "@/lib/crypto/token-cipher";
import { AppError } from "@/lib/errors/app-error";
import { legacyProviderIds, providerById, successorProviderOf } from "@/lib/providers/registry";
import type { HealthProvider } from "@/lib/providers/types";

/**
 * The fresh OAuth 2.0 authorization request behind an imported record's link (issue 9 §2): its
 * own state and PKCE verifier (kept server-side, encrypted like tokens), this deployment's exact
 * redirect URI (NextAuth's callback, no state in it) and the scopes Nightly asks for at sign-in.
 * NextAuth finishes the flow: the link's POST hands it the same state and verifier through its
 * own cookies (start.ts), so the callback, token exchange, profile and account link are the
 * ordinary sign-in's.
 */
export interface PreparedRequest {
  provider: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeVerifier: string;
}

/** Google when the legacy API is marked retired (or Fitbit is not configured), Fitbit otherwise. */
export function reauthorizationProvider(legacyRetired: boolean): HealthProvider {
  const legacy = providerById(legacyProviderIds()[0]!);
  const successor = successorProviderOf(legacy.id)!;
  const chosen = legacyRetired || !legacy.configured() ? successor : legacy;
  if (!chosen.configured()) throw new AppError(409, "conflict", `${chosen.copy.name} sign-in is not configured on this deployment, so these people cannot re-authorize yet.`);
  return chosen;
}

function oauthConfig(provider: HealthProvider): OAuthConfig<unknown> {
  return provider.nextAuthProvider() as OAuthConfig<unknown>;
}

/** NextAuth's callback URL for a provider: `$NEXTAUTH_URL/api/auth/callback/<id>`. */
export function redirectUriOf(providerId: string): string {
  const base = new URL(env().NEXTAUTH_URL);
  return `${base.origin}${base.pathname.replace(/\/$/, "")}/api/auth/callback/${providerId}`;
}

function authorizationParams(provider: HealthProvider): { url: string; params: Record<string, string> } {
  const authorization = oauthConfig(provider).authorization;
  if (!authorization || typeof authorization === "string" || !authorization.url) throw new Error(`${provider.id}: no authorization endpoint`);
  return { url: authorization.url, params: Object.fromEntries(Object.entries(authorization.params ?? {}).map(([key, value]) => [key, String(value)])) };
}

export function prepareRequest(provider: HealthProvider): PreparedRequest {
  const scope = authorizationParams(provider).params.scope ?? "";
  return {
    provider: provider.id,
    redirectUri: redirectUriOf(provider.id),
    scopes: scope.split(" ").filter(Boolean),
    state: randomBytes(32).toString("base64url"),
    codeVerifier: randomBytes(32).toString("base64url"),
  };
}

const secretsSchema = z.object({ state: z.string().min(32), codeVerifier: z.string().min(43).max(128) });

const contextOf = (username: string) => `imported-authorization:${username}`;

/** The state and verifier, encrypted for one record (bound to its username). */
export function sealRequest(request: Pick<PreparedRequest, "state" | "codeVerifier">, username: string): string {
  return encryptToken(JSON.stringify({ state: request.state, codeVerifier: request.codeVerifier }), env().TOKEN_ENCRYPTION_KEY, contextOf(username));
}

/** The stored state and verifier, or null when they cannot be read (a retired key): prepare anew. */
export function openRequest(sealed: string | null, username: string): { state: string; codeVerifier: string } | null {
  if (!sealed) return null;
  try {
    return secretsSchema.parse(JSON.parse(decryptToken(sealed, env().TOKEN_ENCRYPTION_KEY, contextOf(username))));
  } catch {
    return null;
  }
}

/** The provider's authorization URL for a prepared request (what NextAuth itself would build). */
export function authorizationUrlOf(request: PreparedRequest): string {
  const provider = providerById(request.provider);
  const { url, params } = authorizationParams(provider);
  const target = new URL(url);
  const query = {
    ...params,
    client_id: oauthConfig(provider).clientId ?? "",
    scope: request.scopes.join(" "),
    response_type: "code",
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: createHash("sha256").update(request.codeVerifier).digest("base64url"),
    code_challenge_method: "S256",
  };
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  return target.toString();
}
