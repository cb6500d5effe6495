/**
 * `POST /oauth2/token`: authorization_code and refresh_token grants (reference §1.4–§1.6, §1.9).
 * Errors use Fitbit's envelope, not RFC 6749's `{"error": …}`.
 */
import { createHash } from "node:crypto";
import type { RequestContext } from "../context";
import { Form, mediaType, readBody, sleep } from "../http";
import { VISIT } from "../types";
import { authenticateClient, WWW_AUTHENTICATE } from "./client-auth";
import { sendFitbitError, sendFitbitJson, sendFitbitRaw, serverErrorBody } from "./errors";
import type { AuthCode } from "./tokens";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };
const TOKEN_PARAMS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "client_id",
  "expires_in",
];
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Reads a form body, insisting on the form media type. Returns null after answering 400. */
export async function readOAuthForm(
  ctx: RequestContext,
): Promise<{ raw: string; form: Form } | null> {
  const raw = await readBody(ctx.req);
  if (mediaType(ctx.req) !== "application/x-www-form-urlencoded") {
    // UNCONFIRMED wording; Fitbit documents only that the body must be form-encoded.
    sendFitbitError(
      ctx.res,
      400,
      "invalid_request",
      `Content-Type must be application/x-www-form-urlencoded.${VISIT}`,
    );
    return null;
  }
  return { raw, form: new Form(raw) };
}

export function missingParameters(ctx: RequestContext, names: string[]): void {
  sendFitbitError(
    ctx.res,
    400,
    "invalid_request",
    `Missing parameters: ${names.join(",")}${VISIT}`,
  );
}

export function sendInvalidClient(ctx: RequestContext, message: string): void {
  sendFitbitError(ctx.res, 401, "invalid_client", message, {
    headers: { "www-authenticate": WWW_AUTHENTICATE },
  });
}

export async function handleToken(ctx: RequestContext): Promise<void> {
  ctx.endpoint = "oauth.token";
  const body = await readOAuthForm(ctx);
  if (!body) return;
  const { raw, form } = body;
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code" || grantType === "refresh_token")
    ctx.endpoint = `oauth.token.${grantType}`;

  const fault = ctx.state.faults.take("oauth", ctx.endpoint, null);
  if (fault?.kind === "latency") await sleep(fault.latencyMs ?? 1000);
  if (fault?.kind === "500") {
    sendFitbitJson(ctx.res, 500, serverErrorBody());
    return;
  }

  const auth = authenticateClient(ctx.state.clients, ctx.req.headers.authorization, form);
  if (!auth.ok) return sendInvalidClient(ctx, auth.message);

  const repeated = form.repeated(TOKEN_PARAMS);
  if (repeated.length > 0) {
    // UNCONFIRMED: RFC 6749 §3.2 forbids repeated parameters; Fitbit's wording is unknown.
    sendFitbitError(
      ctx.res,
      400,
      "invalid_request",
      `Duplicate parameters: ${repeated.join(",")}${VISIT}`,
    );
    return;
  }
  if (grantType === undefined) return missingParameters(ctx, ["grant_type"]);
  if (grantType === "authorization_code") return exchangeCode(ctx, auth.client.clientId, form);
  if (grantType === "refresh_token") return refresh(ctx, auth.client.clientId, form, raw);
  // UNCONFIRMED wording; only the two grants above carry user data (client_credentials is Commerce-only).
  sendFitbitError(ctx.res, 400, "invalid_request", `Unsupported grant_type: ${grantType}.${VISIT}`);
}

function exchangeCode(ctx: RequestContext, clientId: string, form: Form): void {
  const code = form.get("code");
  if (code === undefined) return missingParameters(ctx, ["code"]);
  const expiresIn = form.get("expires_in");
  if (expiresIn !== undefined && expiresIn !== "28800") {
    // Authorization-code tokens always live 8 hours; `28800` is the only documented value.
    sendFitbitError(ctx.res, 400, "invalid_request", `Invalid expires_in parameter value.${VISIT}`);
    return;
  }
  const client = ctx.state.clients.get(clientId)!;
  const record = ctx.state.tokens.findUsableCode(code);
  if (!record || !codeMatches(record, clientId, client.redirectUris, form)) {
    sendFitbitError(ctx.res, 400, "invalid_grant", `Authorization code invalid: ${code}${VISIT}`);
    return;
  }
  ctx.userId = record.userId;
  sendFitbitRaw(ctx.res, 200, ctx.state.tokens.redeemCode(record), NO_STORE);
}

/** Client binding, redirect_uri binding and PKCE (reference §1.3, §1.4). */
function codeMatches(
  record: AuthCode,
  clientId: string,
  registered: string[],
  form: Form,
): boolean {
  if (record.clientId !== clientId) return false;
  const redirectUri = form.get("redirect_uri");
  if (record.redirectUri !== null) {
    if (redirectUri !== record.redirectUri) return false;
  } else if (redirectUri !== undefined && !registered.includes(redirectUri)) {
    return false;
  }
  const verifier = form.get("code_verifier");
  if (record.codeChallenge === null) {
    // UNCONFIRMED: a verifier for a code issued without a challenge is refused (strict).
    return verifier === undefined;
  }
  if (verifier === undefined || !VERIFIER.test(verifier)) return false;
  const derived =
    record.codeChallengeMethod === "S256"
      ? createHash("sha256").update(verifier, "ascii").digest("base64url")
      : verifier;
  return derived === record.codeChallenge;
}

function refresh(ctx: RequestContext, clientId: string, form: Form, raw: string): void {
  const refreshToken = form.get("refresh_token");
  if (refreshToken === undefined) return missingParameters(ctx, ["refresh_token"]);
  const owner = ctx.state.tokens.ownerOf(refreshToken);
  if (owner?.clientId === clientId) ctx.userId = owner.userId;
  const outcome = ctx.state.tokens.useRefreshToken(clientId, refreshToken, raw);
  if (!outcome.ok) {
    sendFitbitError(
      ctx.res,
      400,
      "invalid_grant",
      `Refresh token invalid: ${refreshToken}.${VISIT}`,
    );
    return;
  }
  sendFitbitRaw(ctx.res, 200, outcome.response, NO_STORE);
}
