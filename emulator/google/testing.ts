/**
 * Test helpers that drive the Google side like a browser plus an OAuth client would, over real
 * HTTP: `obtainGoogleTokens` does authorize -> consent -> token; the steps are exported for
 * tests that stop half-way. Also `googleGet` for Health API calls.
 */
import { hiddenFields, pkcePair, type Pkce } from "../testing";
import type { GoogleClient } from "./clients";
import { READ_SCOPES } from "./scopes";

export const ALL_READ_SCOPES: readonly string[] = Object.values(READ_SCOPES);
/** What Nightly asks for: the read scopes it needs plus OpenID sign-in. */
export const NIGHTLY_SCOPES: readonly string[] = [
  "openid",
  "email",
  "profile",
  READ_SCOPES.sleep,
  READ_SCOPES.health_metrics_and_measurements,
  READ_SCOPES.nutrition,
  READ_SCOPES.profile,
  READ_SCOPES.settings,
];

export interface GoogleTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope: string;
  token_type: "Bearer";
  id_token?: string;
}

export interface GoogleAuthorizeOptions {
  scopes: readonly string[];
  redirectUri?: string;
  state?: string;
  pkce?: Pkce | null;
  accessType?: "online" | "offline";
  prompt?: string;
  includeGrantedScopes?: boolean;
  nonce?: string;
}

export function googleAuthorizeUrl(
  emulatorUrl: string,
  client: GoogleClient,
  o: GoogleAuthorizeOptions,
): string {
  const params = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: o.redirectUri ?? client.redirectUris[0]!,
    response_type: "code",
    scope: o.scopes.join(" "),
  });
  if (o.state !== undefined) params.set("state", o.state);
  if (o.accessType) params.set("access_type", o.accessType);
  if (o.prompt) params.set("prompt", o.prompt);
  if (o.includeGrantedScopes !== undefined)
    params.set("include_granted_scopes", String(o.includeGrantedScopes));
  if (o.nonce) params.set("nonce", o.nonce);
  if (o.pkce) {
    params.set("code_challenge", o.pkce.challenge);
    params.set("code_challenge_method", o.pkce.method);
  }
  return `${emulatorUrl}/o/oauth2/v2/auth?${params.toString()}`;
}

/** Loads the consent page and submits it; returns the raw response (302 on success). */
export async function submitGoogleConsent(
  authorizeURL: string,
  decision: { personId: string; grantedScopes?: readonly string[]; decision?: "allow" | "deny" },
): Promise<Response> {
  const page = await fetch(authorizeURL);
  const html = await page.text();
  if (page.status !== 200)
    throw new Error(`authorize page answered ${page.status}: ${html.slice(0, 500)}`);
  const form = new URLSearchParams(hiddenFields(html));
  form.set("person", decision.personId);
  const requested = (new URL(authorizeURL).searchParams.get("scope") ?? "").split(" ");
  for (const s of decision.grantedScopes ?? requested) form.append("granted", s);
  form.set("decision", decision.decision ?? "allow");
  return fetch(new URL("/o/oauth2/v2/auth", authorizeURL), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
}

export function postGoogleToken(
  emulatorUrl: string,
  client: GoogleClient,
  body: Record<string, string>,
): Promise<Response> {
  const form = new URLSearchParams({
    ...body,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
  return fetch(`${emulatorUrl}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
}

export interface ObtainGoogleOptions {
  /** healthUserId or Fitbit encoded id of a demo person. */
  personId: string;
  scopes?: readonly string[];
  /** Health scopes left ticked (default: all requested). */
  grantedScopes?: readonly string[];
}

/** Full offline authorization-code flow with PKCE S256 and prompt=consent. */
export async function obtainGoogleTokens(
  emulatorUrl: string,
  client: GoogleClient,
  o: ObtainGoogleOptions,
): Promise<GoogleTokenResponse> {
  const pkce = pkcePair("S256");
  const url = googleAuthorizeUrl(emulatorUrl, client, {
    scopes: o.scopes ?? NIGHTLY_SCOPES,
    state: "test-state",
    pkce,
    accessType: "offline",
    prompt: "consent",
  });
  const consent = await submitGoogleConsent(url, {
    personId: o.personId,
    grantedScopes: o.grantedScopes,
  });
  const location = consent.headers.get("location");
  if (consent.status !== 302 || !location)
    throw new Error(`consent answered ${consent.status}: ${(await consent.text()).slice(0, 500)}`);
  const code = new URL(location).searchParams.get("code");
  if (!code) throw new Error(`no code in redirect ${location}`);
  const res = await postGoogleToken(emulatorUrl, client, {
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirectUris[0]!,
    code_verifier: pkce.verifier,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${text}`);
  return JSON.parse(text) as GoogleTokenResponse;
}

export async function googleGet(
  emulatorUrl: string,
  accessToken: string,
  path: string,
  query: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${emulatorUrl}${path}${qs ? `?${qs}` : ""}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}
