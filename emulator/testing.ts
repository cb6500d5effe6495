/**
 * Test helpers that drive the emulator like a browser plus an OAuth client would, over real HTTP.
 * `obtainTokens` does the whole authorize -> consent -> token dance; the smaller steps are
 * exported for tests that need to stop half-way or tamper with one step.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FitbitScope, RegisteredClient } from "./types";

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  token_type: "Bearer";
  user_id: string;
}

export interface Pkce {
  verifier: string;
  challenge: string;
  method: "S256" | "plain";
}

export function pkcePair(method: "S256" | "plain" = "S256"): Pkce {
  const verifier = randomBytes(48).toString("base64url"); // 64 chars of [A-Za-z0-9-_]
  const challenge =
    method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return { verifier, challenge, method };
}

export function basicAuth(client: Pick<RegisteredClient, "clientId" | "clientSecret">): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`;
}

export interface AuthorizeOptions {
  scopes: readonly string[];
  redirectUri?: string | null;
  state?: string;
  pkce?: Pkce | null;
}

/** The URL an app sends the browser to. `redirectUri: null` omits the parameter. */
export function authorizeUrl(
  emulatorUrl: string,
  client: RegisteredClient,
  options: AuthorizeOptions,
): string {
  const params = new URLSearchParams({
    client_id: client.clientId,
    response_type: "code",
    scope: options.scopes.join(" "),
  });
  const redirectUri =
    options.redirectUri === undefined ? client.redirectUris[0] : options.redirectUri;
  if (redirectUri) params.set("redirect_uri", redirectUri);
  if (options.state !== undefined) params.set("state", options.state);
  if (options.pkce) {
    params.set("code_challenge", options.pkce.challenge);
    params.set("code_challenge_method", options.pkce.method);
  }
  return `${emulatorUrl}/oauth2/authorize?${params.toString()}`;
}

const decodeEntities = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");

export interface FormInput {
  type: string;
  name: string;
  value: string;
  id: string;
  checked: boolean;
}

/** Every `<input>` of a page with its attributes decoded; tolerant of formatting and order. */
export function formInputs(html: string): FormInput[] {
  return [...html.matchAll(/<input\b([^>]*)>/g)].map((m) => {
    const attrs = new Map<string, string>();
    for (const a of m[1]!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      attrs.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? ""));
    }
    return {
      type: attrs.get("type") ?? "text",
      name: attrs.get("name") ?? "",
      value: attrs.get("value") ?? "",
      id: attrs.get("id") ?? "",
      checked: attrs.has("checked"),
    };
  });
}

/** Hidden fields of the consent form (the original authorize parameters). */
export function hiddenFields(html: string): Array<[string, string]> {
  return formInputs(html)
    .filter((i) => i.type === "hidden")
    .map((i) => [i.name, i.value]);
}

/** Loads the consent page and submits it. Returns the raw response (302 expected on success). */
export async function submitConsent(
  authorizeURL: string,
  decision: { personId: string; grantedScopes: readonly string[]; decision?: "allow" | "deny" },
): Promise<Response> {
  const page = await fetch(authorizeURL);
  const html = await page.text();
  if (page.status !== 200)
    throw new Error(`authorize page answered ${page.status}: ${html.slice(0, 500)}`);
  const form = new URLSearchParams(hiddenFields(html));
  form.set("person", decision.personId);
  for (const s of decision.grantedScopes) form.append("granted", s);
  form.set("decision", decision.decision ?? "allow");
  return fetch(new URL("/oauth2/authorize", authorizeURL), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
}

/** Authenticated token-endpoint POST in the way the client's app type requires. */
export function postToken(
  emulatorUrl: string,
  client: RegisteredClient,
  body: Record<string, string>,
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const form = new URLSearchParams(body);
  if (client.appType === "client") form.set("client_id", client.clientId);
  else headers.authorization = basicAuth(client);
  return fetch(`${emulatorUrl}/oauth2/token`, { method: "POST", headers, body: form.toString() });
}

export interface ObtainOptions {
  personId: string;
  scopes: readonly FitbitScope[];
  /** Scopes left ticked on the consent page (default: all requested). */
  grantedScopes?: readonly FitbitScope[];
  /** PKCE method; null disables PKCE. Default S256. */
  pkce?: "S256" | "plain" | null;
}

/** Full authorization-code flow; throws with the emulator's answer if any step fails. */
export async function obtainTokens(
  emulatorUrl: string,
  client: RegisteredClient,
  options: ObtainOptions,
): Promise<TokenResponse> {
  const pkce = options.pkce === null ? null : pkcePair(options.pkce ?? "S256");
  const url = authorizeUrl(emulatorUrl, client, {
    scopes: options.scopes,
    state: "test-state",
    pkce,
  });
  const consent = await submitConsent(url, {
    personId: options.personId,
    grantedScopes: options.grantedScopes ?? options.scopes,
  });
  const location = consent.headers.get("location");
  if (consent.status !== 302 || !location) {
    throw new Error(`consent answered ${consent.status}: ${(await consent.text()).slice(0, 500)}`);
  }
  const code = new URL(location).searchParams.get("code");
  if (!code) throw new Error(`no code in redirect ${location}`);
  const body: Record<string, string> = { grant_type: "authorization_code", code };
  const redirectUri = client.redirectUris[0];
  if (redirectUri) body.redirect_uri = redirectUri;
  if (pkce) body.code_verifier = pkce.verifier;
  const res = await postToken(emulatorUrl, client, body);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${text}`);
  return JSON.parse(text) as TokenResponse;
}
