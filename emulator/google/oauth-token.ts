/**
 * `POST /token` (authorization_code, refresh_token) and `POST /revoke`, with RFC 6749 error
 * bodies as Google writes them (live capture: `{"error":"invalid_grant","error_description":
 * "Bad Request"}`). Client authentication: `client_secret_post` or `client_secret_basic`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestContext } from "../context";
import { Form, mediaType, readBody, sleep } from "../http";
import type { GoogleClient } from "./clients";
import { sendGoogleJson, sendOAuthError } from "./errors";
import { idToken } from "./oidc";
import { findGooglePerson } from "./people";
import type { IssuedTokens } from "./tokens";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const TOKEN_PARAMS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "client_id",
  "client_secret",
];

async function readForm(ctx: RequestContext): Promise<Form | null> {
  const raw = await readBody(ctx.req);
  if (mediaType(ctx.req) !== "application/x-www-form-urlencoded") {
    sendOAuthError(
      ctx.res,
      400,
      "invalid_request",
      "Invalid Content-Type, expected application/x-www-form-urlencoded.",
    );
    return null;
  }
  return new Form(raw);
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type ClientAuth =
  | { ok: true; client: GoogleClient }
  | { ok: false; status: number; error: string; description: string };

function authenticate(ctx: RequestContext, form: Form): ClientAuth {
  let id = form.get("client_id");
  let secret = form.get("client_secret");
  const header = ctx.req.headers.authorization;
  if (header !== undefined) {
    const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
    const decoded = m ? Buffer.from(m[1]!, "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    if (colon < 0)
      return { ok: false, status: 401, error: "invalid_client", description: "Unauthorized" };
    const decode = (v: string) => {
      try {
        return decodeURIComponent(v.replace(/\+/g, " "));
      } catch {
        return v;
      }
    };
    const hid = decode(decoded.slice(0, colon));
    if (id !== undefined && id !== hid)
      return { ok: false, status: 401, error: "invalid_client", description: "Unauthorized" };
    id = hid;
    secret = decode(decoded.slice(colon + 1));
  }
  if (id === undefined)
    return {
      ok: false,
      status: 400,
      error: "invalid_request",
      description: "Could not determine client ID from request.",
    };
  const client = ctx.state.google.clients.get(id);
  if (!client)
    return {
      ok: false,
      status: 401,
      error: "invalid_client",
      description: "The OAuth client was not found.",
    };
  if (secret === undefined || !same(secret, client.clientSecret))
    return { ok: false, status: 401, error: "invalid_client", description: "Unauthorized" };
  return { ok: true, client };
}

export async function handleGoogleToken(ctx: RequestContext): Promise<void> {
  ctx.endpoint = "google.oauth.token";
  const form = await readForm(ctx);
  if (!form) return;
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code" || grantType === "refresh_token")
    ctx.endpoint = `google.oauth.token.${grantType}`;
  const fault = ctx.state.faults.take("oauth", ctx.endpoint, null);
  if (fault?.kind === "latency") await sleep(fault.latencyMs ?? 1000);
  if (fault?.kind === "500") {
    sendOAuthError(ctx.res, 500, "internal_failure", "Backend Error");
    return;
  }
  const auth = authenticate(ctx, form);
  if (!auth.ok) return sendOAuthError(ctx.res, auth.status, auth.error, auth.description);
  const repeated = form.repeated(TOKEN_PARAMS);
  if (repeated.length > 0)
    return sendOAuthError(
      ctx.res,
      400,
      "invalid_request",
      `Parameter not allowed to repeat: ${repeated.join(", ")}`,
    );
  if (grantType === undefined)
    return sendOAuthError(
      ctx.res,
      400,
      "invalid_request",
      "Missing required parameter: grant_type",
    );
  if (grantType === "authorization_code") return exchangeCode(ctx, auth.client, form);
  if (grantType === "refresh_token") return refresh(ctx, auth.client, form);
  sendOAuthError(ctx.res, 400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
}

function exchangeCode(ctx: RequestContext, client: GoogleClient, form: Form): void {
  const code = form.get("code");
  if (code === undefined)
    return sendOAuthError(ctx.res, 400, "invalid_request", "Missing required parameter: code");
  const redirectUri = form.get("redirect_uri");
  if (redirectUri === undefined)
    return sendOAuthError(
      ctx.res,
      400,
      "invalid_request",
      "Missing required parameter: redirect_uri",
    );
  const record = ctx.state.google.tokens.findUsableCode(code);
  if (!record || record.clientId !== client.clientId)
    return sendOAuthError(ctx.res, 400, "invalid_grant", "Bad Request");
  if (record.redirectUri !== redirectUri)
    return sendOAuthError(ctx.res, 400, "redirect_uri_mismatch", "Bad Request");
  if (record.codeChallenge !== null) {
    const verifier = form.get("code_verifier");
    if (verifier === undefined)
      return sendOAuthError(ctx.res, 400, "invalid_grant", "Missing code verifier.");
    const derived =
      record.codeChallengeMethod === "S256"
        ? createHash("sha256").update(verifier, "ascii").digest("base64url")
        : verifier;
    if (!VERIFIER.test(verifier) || derived !== record.codeChallenge)
      return sendOAuthError(ctx.res, 400, "invalid_grant", "Invalid code verifier.");
  }
  // UNCONFIRMED: a code_verifier sent for a code issued without a challenge is ignored.
  ctx.userId = record.userId;
  const issued = ctx.state.google.tokens.redeemCode(record, client.testing);
  sendTokens(ctx, client, issued, record.nonce);
}

function refresh(ctx: RequestContext, client: GoogleClient, form: Form): void {
  const token = form.get("refresh_token");
  if (token === undefined)
    return sendOAuthError(
      ctx.res,
      400,
      "invalid_request",
      "Missing required parameter: refresh_token",
    );
  const tokens = ctx.state.google.tokens;
  const owner = tokens.ownerOf(token);
  if (owner?.clientId === client.clientId) ctx.userId = owner.userId;
  const record = tokens.findUsableRefresh(client.clientId, token);
  if (!record) {
    const known = tokens.knowsRefresh(token) && owner?.clientId === client.clientId;
    return sendOAuthError(
      ctx.res,
      400,
      "invalid_grant",
      known ? "Token has been expired or revoked." : "Bad Request",
    );
  }
  sendTokens(ctx, client, tokens.refreshAccess(record), null);
}

function sendTokens(
  ctx: RequestContext,
  client: GoogleClient,
  issued: IssuedTokens,
  nonce: string | null,
): void {
  const { record } = issued;
  const body: Record<string, unknown> = {
    access_token: issued.accessToken,
    expires_in: issued.expiresInSeconds,
  };
  if (issued.refreshToken !== null) body.refresh_token = issued.refreshToken;
  body.scope = record.scopes.join(" ");
  body.token_type = "Bearer";
  if (record.scopes.includes("openid")) {
    const g = findGooglePerson(record.userId);
    if (!g) throw new Error("token refers to an unknown person");
    body.id_token = idToken(
      ctx.state.google.keys,
      ctx.origin,
      client.clientId,
      g,
      record.scopes,
      issued.accessToken,
      // Real time, not the emulator clock: clients check iat/exp against their own clock, and
      // tests that move the emulator clock must still be able to sign in.
      Date.now(),
      nonce,
    );
  }
  if (issued.refreshExpiresInSeconds !== null)
    body.refresh_token_expires_in = issued.refreshExpiresInSeconds;
  sendGoogleJson(ctx.res, 200, body, NO_STORE);
}

/** `POST /revoke` with `token` in the form body (or the query string, as Google allows). */
export async function handleGoogleRevoke(ctx: RequestContext): Promise<void> {
  ctx.endpoint = "google.oauth.revoke";
  const raw = await readBody(ctx.req);
  const fromBody =
    mediaType(ctx.req) === "application/x-www-form-urlencoded"
      ? new Form(raw).get("token")
      : undefined;
  const token = fromBody ?? new Form(ctx.target.search).get("token");
  if (token === undefined)
    return sendOAuthError(ctx.res, 400, "invalid_request", "Missing required parameter: token");
  const tokens = ctx.state.google.tokens;
  const owner = tokens.ownerOf(token);
  const live =
    owner !== undefined &&
    (tokens.findUsableRefresh(owner.clientId, token) !== undefined ||
      (() => {
        const a = tokens.findAccessToken(token);
        return a !== undefined && tokens.isActive(a);
      })());
  if (!owner || !live)
    return sendOAuthError(ctx.res, 400, "invalid_token", "Token expired or revoked");
  ctx.userId = owner.userId;
  tokens.revokeGrant(owner.clientId, owner.userId);
  sendGoogleJson(ctx.res, 200, {});
}
