/**
 * `GET /o/oauth2/v2/auth` shows the consent screen; `POST` takes the decision. Success redirects
 * with `code`, `scope` (what was granted) and `state`; Cancel redirects with
 * `error=access_denied`. `prompt=none` cannot be honoured (the emulator keeps no browser
 * session), so it redirects with `error=interaction_required`.
 */
import type { ServerResponse } from "node:http";
import { type Form, redirect, sendHtml } from "../http";
import { withQuery } from "../fitbit/oauth-params";
import type { EmulatorState } from "../state";
import { googleErrorPage, renderGoogleConsent } from "./consent-page";
import { type GoogleAuthorizeRequest, validateGoogleAuthorize } from "./oauth-params";
import { findGooglePerson } from "./people";
import { canonicalScope, isOptional } from "./scopes";

function sendValidationError(
  res: ServerResponse,
  e: { status: number; error: string; message: string },
) {
  sendHtml(res, e.status, googleErrorPage(e.error, e.message, e.status));
}

export function handleGoogleAuthorizeGet(
  state: EmulatorState,
  query: Form,
  res: ServerResponse,
): void {
  const result = validateGoogleAuthorize(query, state.google.clients);
  if (!result.ok) return sendValidationError(res, result.error);
  if (result.request.promptNone) {
    redirect(
      res,
      withQuery(result.request.redirectUri, {
        error: "interaction_required",
        state: result.request.state,
      }),
    );
    return;
  }
  sendHtml(res, 200, renderGoogleConsent(result.request));
}

/** Handles the consent form; returns the chosen person's healthUserId for the counters. */
export function handleGoogleAuthorizePost(
  state: EmulatorState,
  contentType: string,
  form: Form,
  res: ServerResponse,
): string | null {
  if (contentType !== "application/x-www-form-urlencoded") {
    sendHtml(
      res,
      400,
      googleErrorPage("invalid_request", "The consent form must be form-encoded."),
    );
    return null;
  }
  const result = validateGoogleAuthorize(form, state.google.clients);
  if (!result.ok) {
    sendValidationError(res, result.error);
    return null;
  }
  const request = result.request;
  const decision = form.get("decision");
  if (decision === "deny") {
    redirect(res, withQuery(request.redirectUri, { error: "access_denied", state: request.state }));
    return null;
  }
  if (decision !== "allow") {
    sendHtml(res, 400, googleErrorPage("invalid_request", "Missing required parameter: decision"));
    return null;
  }
  const ticked = form.all("granted").map((s) => canonicalScope(s) ?? s);
  const forged = ticked.filter((s) => !request.scopes.includes(s));
  if (forged.length > 0) {
    sendHtml(
      res,
      400,
      googleErrorPage("invalid_scope", `Scopes not requested: ${forged.join(", ")}`),
    );
    return null;
  }
  const granted = request.scopes.filter((s) => !isOptional(s) || ticked.includes(s));
  const personId = form.get("person");
  const g = personId === undefined ? undefined : findGooglePerson(personId);
  if (!g || granted.length === 0) {
    const error = !g ? "Choose an account to continue" : "Select at least one permission";
    sendHtml(res, 400, renderGoogleConsent(request, { personId, granted, error }));
    return null;
  }
  return issue(state, request, g.healthUserId, granted, res);
}

function issue(
  state: EmulatorState,
  request: GoogleAuthorizeRequest,
  userId: string,
  granted: string[],
  res: ServerResponse,
): string {
  const tokens = state.google.tokens;
  const clientId = request.client.clientId;
  const scopes = request.includeGrantedScopes
    ? [...new Set([...tokens.grantedScopes(clientId, userId), ...granted])]
    : granted;
  const withRefreshToken =
    request.offline && (request.promptConsent || !tokens.hasLiveRefreshToken(clientId, userId));
  const code = tokens.issueCode({
    clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    userId,
    scopes,
    withRefreshToken,
    nonce: request.nonce,
  });
  redirect(
    res,
    withQuery(request.redirectUri, {
      state: request.state,
      code,
      scope: scopes.join(" "),
      authuser: "0",
      prompt: "consent",
    }),
  );
  return userId;
}
