/**
 * Validation of `/oauth2/authorize` parameters, shared by the GET (consent page) and the POST
 * (decision), since the POST carries the same parameters back in hidden fields and must not be
 * trusted more than the original request. Messages are Fitbit's (reference §1.2).
 */
import type { Form } from "../http";
import type { FitbitScope, RegisteredClient } from "../types";
import { isFitbitScope } from "./scopes";

/** Authorize parameters that travel through the consent form. */
export const AUTHORIZE_PARAMS = [
  "client_id",
  "response_type",
  "scope",
  "redirect_uri",
  "state",
  "code_challenge",
  "code_challenge_method",
  "prompt",
  "expires_in",
] as const;

export interface AuthorizeRequest {
  client: RegisteredClient;
  /** Where to send the browser: the given URI, or the only registered one. */
  redirectUri: string;
  /** Whether redirect_uri was sent (then the token request must repeat it exactly). */
  redirectUriSent: boolean;
  state: string | null;
  scopes: FitbitScope[];
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
  /** The parameters as received, re-emitted as hidden fields on the consent form. */
  original: Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;
}

export interface AuthorizeError {
  errorType: string;
  message: string;
}

export type AuthorizeValidation =
  { ok: true; request: AuthorizeRequest } | { ok: false; error: AuthorizeError };

const PKCE_CHARS = /^[A-Za-z0-9\-._~]+$/;
const PROMPTS = new Set(["none", "consent", "login", "login consent", "consent login"]);

const fail = (errorType: string, message: string): AuthorizeValidation => ({
  ok: false,
  error: { errorType, message },
});

/** Checks in the order a client fixes them: who is asking, where to answer, what is asked. */
export function validateAuthorize(
  form: Form,
  clients: ReadonlyMap<string, RegisteredClient>,
): AuthorizeValidation {
  // UNCONFIRMED: Fitbit's handling of repeated parameters; RFC 6749 §3.1 forbids them.
  const repeated = form.repeated(AUTHORIZE_PARAMS);
  if (repeated.length > 0)
    return fail("invalid_request", `Duplicate parameters: ${repeated.join(", ")}`);

  const clientId = form.get("client_id");
  if (clientId === undefined) return fail("invalid_request", "Missing parameters: client_id");
  const client = clients.get(clientId);
  if (!client) return fail("unauthorize_client", "Invalid client_id"); // sic, Fitbit's spelling

  const sentRedirect = form.get("redirect_uri");
  if (sentRedirect !== undefined && !client.redirectUris.includes(sentRedirect)) {
    return fail("invalid_request", "Invalid redirect_uri parameter value");
  }
  if (sentRedirect === undefined && client.redirectUris.length !== 1) {
    return fail("invalid_request", "Missing redirect_uri parameter value");
  }
  const redirectUri = sentRedirect ?? client.redirectUris[0]!;

  const responseType = form.get("response_type");
  if (responseType === undefined)
    return fail("invalid_request", "Missing response_type parameter value");
  if (responseType === "token") {
    // The implicit grant is not emulated; Fitbit answers this way to apps not allowed to use it.
    return fail(
      "unauthorized_client",
      "The client is not authorized to request an access token using this method",
    );
  }
  if (responseType !== "code")
    return fail("unsupported_response_type", "Invalid response_type parameter value");

  const scopeParam = form.get("scope");
  // UNCONFIRMED wording for a missing scope; modelled on the client_id message.
  if (scopeParam === undefined || scopeParam.trim() === "")
    return fail("invalid_request", "Missing parameters: scope");
  const requested = scopeParam.trim().split(/\s+/);
  const unknown = requested.filter((s) => !isFitbitScope(s));
  // UNCONFIRMED wording for unknown scopes.
  if (unknown.length > 0) return fail("invalid_request", `Invalid scope: ${unknown.join(", ")}`);
  const scopes = [...new Set(requested)] as FitbitScope[];

  const method = form.get("code_challenge_method");
  if (method !== undefined && method !== "S256" && method !== "plain") {
    return fail("invalid_request", "Unsupported code_challenge_method");
  }
  const challenge = form.get("code_challenge");
  if (challenge !== undefined) {
    if (challenge.length < 43 || challenge.length > 128) {
      return fail(
        "invalid_request",
        "The code_challenge parameter length must be between 43 and 128",
      );
    }
    if (!PKCE_CHARS.test(challenge))
      return fail("invalid_request", "The code_challenge parameter is invalid");
  } else if (method !== undefined) {
    // UNCONFIRMED: a method without a challenge is refused rather than silently ignored.
    return fail("invalid_request", "Missing parameters: code_challenge");
  }

  const prompt = form.get("prompt");
  if (prompt !== undefined) {
    // UNCONFIRMED wording; the reference only says prompt needs redirect_uri.
    if (!PROMPTS.has(prompt)) return fail("invalid_request", "Invalid prompt parameter value");
    if (sentRedirect === undefined)
      return fail("invalid_request", "Missing redirect_uri parameter value");
  }

  const original: AuthorizeRequest["original"] = {};
  for (const name of AUTHORIZE_PARAMS) {
    const value = form.get(name);
    if (value !== undefined) original[name] = value;
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      redirectUriSent: sentRedirect !== undefined,
      state: form.get("state") ?? null,
      scopes,
      codeChallenge: challenge ?? null,
      codeChallengeMethod: method === "S256" ? "S256" : "plain",
      original,
    },
  };
}

/** Appends query parameters to a registered redirect URI that may already have a query. */
export function withQuery(uri: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) query.append(k, v);
  return `${uri}${uri.includes("?") ? "&" : "?"}${query.toString()}`;
}
