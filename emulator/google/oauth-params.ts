/**
 * Validation of `/o/oauth2/v2/auth` parameters, shared by the GET (consent page) and the POST
 * (decision), which carries the same parameters back in hidden fields and is trusted no more.
 * Google answers every problem with an error page ("Error 400: redirect_uri_mismatch"), never a
 * redirect, except a user's denial.
 */
import type { Form } from "../http";
import type { GoogleClient } from "./clients";
import { canonicalScope } from "./scopes";

export const GOOGLE_AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "access_type",
  "prompt",
  "code_challenge",
  "code_challenge_method",
  "include_granted_scopes",
  "login_hint",
  "nonce",
] as const;

export interface GoogleAuthorizeRequest {
  client: GoogleClient;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  offline: boolean;
  promptConsent: boolean;
  promptNone: boolean;
  includeGrantedScopes: boolean;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
  nonce: string | null;
  loginHint: string | null;
  original: Partial<Record<(typeof GOOGLE_AUTHORIZE_PARAMS)[number], string>>;
}

export interface GoogleAuthorizeError {
  /** HTTP status of the error page. */
  status: number;
  error: string;
  message: string;
}

export type GoogleAuthorizeValidation =
  { ok: true; request: GoogleAuthorizeRequest } | { ok: false; error: GoogleAuthorizeError };

const PKCE_CHARS = /^[A-Za-z0-9\-._~]{43,128}$/;
const fail = (status: number, error: string, message: string): GoogleAuthorizeValidation => ({
  ok: false,
  error: { status, error, message },
});

export function validateGoogleAuthorize(
  form: Form,
  clients: ReadonlyMap<string, GoogleClient>,
): GoogleAuthorizeValidation {
  const repeated = form.repeated(GOOGLE_AUTHORIZE_PARAMS);
  if (repeated.length > 0)
    return fail(400, "invalid_request", `Parameter not allowed to repeat: ${repeated.join(", ")}`);

  const clientId = form.get("client_id");
  if (clientId === undefined)
    return fail(400, "invalid_request", "Missing required parameter: client_id");
  const client = clients.get(clientId);
  if (!client) return fail(401, "invalid_client", "The OAuth client was not found.");

  const redirectUri = form.get("redirect_uri");
  if (redirectUri === undefined)
    return fail(400, "invalid_request", "Missing required parameter: redirect_uri");
  if (!client.redirectUris.includes(redirectUri)) {
    return fail(
      400,
      "redirect_uri_mismatch",
      `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. If you're the app developer, register the redirect URI in the Google Cloud Console. Request details: redirect_uri=${redirectUri}`,
    );
  }

  const responseType = form.get("response_type");
  if (responseType === undefined)
    return fail(400, "invalid_request", "Required parameter is missing: response_type");
  if (responseType !== "code")
    return fail(400, "unsupported_response_type", `Invalid response_type: ${responseType}`);

  const scopeParam = form.get("scope");
  if (scopeParam === undefined || scopeParam.trim() === "")
    return fail(400, "invalid_request", "Missing required parameter: scope");
  const requested = scopeParam.trim().split(/\s+/);
  const invalid = requested.filter((s) => canonicalScope(s) === null);
  if (invalid.length > 0)
    return fail(
      400,
      "invalid_scope",
      `Some requested scopes were invalid. {invalid=[${invalid.join(", ")}]}`,
    );
  const scopes = [...new Set(requested.map((s) => canonicalScope(s)!))];

  const accessType = form.get("access_type") ?? "online";
  if (accessType !== "online" && accessType !== "offline")
    return fail(400, "invalid_request", `Invalid access_type: ${accessType}`);

  const prompts = (form.get("prompt") ?? "").split(/\s+/).filter((p) => p !== "");
  if (prompts.some((p) => !["none", "consent", "select_account"].includes(p)))
    return fail(400, "invalid_request", `Invalid prompt: ${form.get("prompt") ?? ""}`);
  if (prompts.includes("none") && prompts.length > 1)
    return fail(400, "invalid_request", "prompt=none cannot be combined with other values");

  const method = form.get("code_challenge_method");
  const challenge = form.get("code_challenge");
  if (method !== undefined && method !== "S256" && method !== "plain")
    return fail(400, "invalid_request", `Invalid code_challenge_method: ${method}`);
  if (challenge !== undefined && !PKCE_CHARS.test(challenge))
    return fail(400, "invalid_request", "Invalid code_challenge");
  if (challenge === undefined && method !== undefined)
    return fail(400, "invalid_request", "Missing code_challenge");

  const include = form.get("include_granted_scopes");
  if (include !== undefined && include !== "true" && include !== "false")
    return fail(400, "invalid_request", `Invalid include_granted_scopes: ${include}`);

  const original: GoogleAuthorizeRequest["original"] = {};
  for (const name of GOOGLE_AUTHORIZE_PARAMS) {
    const value = form.get(name);
    if (value !== undefined) original[name] = value;
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes,
      state: form.get("state") ?? null,
      offline: accessType === "offline",
      promptConsent: prompts.includes("consent"),
      promptNone: prompts.includes("none"),
      includeGrantedScopes: include === "true",
      codeChallenge: challenge ?? null,
      // Google's default method is plain when a challenge comes without one.
      codeChallengeMethod: method === "S256" ? "S256" : "plain",
      nonce: form.get("nonce") ?? null,
      loginHint: form.get("login_hint") ?? null,
      original,
    },
  };
}
