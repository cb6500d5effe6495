/**
 * `POST /oauth2/revoke` (RFC 7009, reference §1.7) and `POST /1.1/oauth2/introspect`
 * (RFC 7662, reference §1.8).
 */
import type { RequestContext } from "../context";
import { authenticateClient } from "./client-auth";
import { authenticateBearer } from "./bearer";
import { sendFitbitError, sendFitbitJson } from "./errors";
import { missingParameters, readOAuthForm, sendInvalidClient } from "./oauth-token";
import { introspectScopes } from "./scopes";

export async function handleRevoke(ctx: RequestContext): Promise<void> {
  ctx.endpoint = "oauth.revoke";
  const body = await readOAuthForm(ctx);
  if (!body) return;
  const auth = authenticateClient(ctx.state.clients, ctx.req.headers.authorization, body.form);
  if (!auth.ok) return sendInvalidClient(ctx, auth.message);
  const token = body.form.get("token");
  if (token === undefined) return missingParameters(ctx, ["token"]);

  const owner = ctx.state.tokens.ownerOf(token);
  // Revoking either token ends every session of this user with this app. A token that is
  // unknown, or belongs to another app, changes nothing and still gets 200 (RFC 7009 §2.2:
  // don't reveal whether a token exists).
  if (owner && owner.clientId === auth.client.clientId) {
    ctx.userId = owner.userId;
    ctx.state.tokens.revokeAll(owner.clientId, owner.userId);
  }
  sendFitbitJson(ctx.res, 200, {});
}

export async function handleIntrospect(ctx: RequestContext): Promise<void> {
  ctx.endpoint = "oauth.introspect";
  const now = ctx.state.clock.now();
  const bearer = authenticateBearer(ctx.state.tokens, ctx.req.headers.authorization, now);
  if (!bearer.ok) {
    ctx.req.resume();
    sendFitbitError(ctx.res, 401, bearer.errorType, bearer.message);
    return;
  }
  ctx.userId = bearer.record.userId;
  const body = await readOAuthForm(ctx);
  if (!body) return;
  const token = body.form.get("token");
  if (token === undefined) return missingParameters(ctx, ["token"]);

  const record = ctx.state.tokens.findAccessToken(token);
  // UNCONFIRMED: only tokens of the caller's own app are reported active; refresh tokens are
  // reported inactive (Fitbit documents token_type "access_token" only).
  if (!record || !ctx.state.tokens.isActive(record) || record.clientId !== bearer.record.clientId) {
    sendFitbitJson(ctx.res, 200, { active: false });
    return;
  }
  sendFitbitJson(ctx.res, 200, {
    active: true,
    scope: introspectScopes(record.scopes),
    client_id: record.clientId,
    user_id: record.userId,
    token_type: "access_token",
    // UNCONFIRMED unit: milliseconds, like the docs' 13-digit example.
    exp: record.expiresAtMs,
    iat: record.issuedAtMs,
  });
}
