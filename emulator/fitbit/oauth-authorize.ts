/**
 * `GET /oauth2/authorize` shows the consent page; `POST /oauth2/authorize` takes the decision.
 * Errors are HTML pages with status 400 and never redirect (reference §1.2): a bad client_id or
 * redirect_uri must not bounce the browser anywhere.
 */
import type { ServerResponse } from "node:http";
import { errorPage } from "../html";
import { type Form, redirect, sendHtml } from "../http";
import { findPerson } from "../people";
import type { EmulatorState } from "../state";
import type { FitbitScope } from "../types";
import { renderConsentPage } from "./consent-page";
import { validateAuthorize, withQuery } from "./oauth-params";
import { isFitbitScope } from "./scopes";

export function handleAuthorizeGet(state: EmulatorState, query: Form, res: ServerResponse): void {
  const result = validateAuthorize(query, state.clients);
  if (!result.ok) {
    sendHtml(res, 400, errorPage(result.error.errorType, result.error.message));
    return;
  }
  sendHtml(res, 200, renderConsentPage(result.request));
}

/** Handles the consent form. Returns the chosen person's id for the request counters. */
export function handleAuthorizePost(
  state: EmulatorState,
  contentType: string,
  form: Form,
  res: ServerResponse,
): string | null {
  if (contentType !== "application/x-www-form-urlencoded") {
    sendHtml(
      res,
      400,
      errorPage(
        "invalid_request",
        "The consent form must be posted as application/x-www-form-urlencoded",
      ),
    );
    return null;
  }
  const result = validateAuthorize(form, state.clients);
  if (!result.ok) {
    sendHtml(res, 400, errorPage(result.error.errorType, result.error.message));
    return null;
  }
  const request = result.request;

  const decision = form.get("decision");
  if (decision === "deny") {
    // UNCONFIRMED: exact Fitbit form of the denial redirect (RFC 6749 §4.1.2.1 shape).
    redirect(
      res,
      withQuery(request.redirectUri, {
        error: "access_denied",
        error_description: "The user denied the request.",
        state: request.state,
      }),
    );
    return null;
  }
  if (decision !== "allow") {
    sendHtml(res, 400, errorPage("invalid_request", "Missing parameters: decision"));
    return null;
  }

  const granted = form.all("granted");
  const notRequested = granted.filter((s) => !isFitbitScope(s) || !request.scopes.includes(s));
  if (notRequested.length > 0) {
    // A forged form tried to grant more than the app asked for.
    sendHtml(res, 400, errorPage("invalid_request", `Invalid scope: ${notRequested.join(", ")}`));
    return null;
  }
  const grantedScopes = request.scopes.filter((s) => granted.includes(s)) as FitbitScope[];
  const personId = form.get("person");
  const person = personId === undefined ? undefined : findPerson(personId);
  if (!person || grantedScopes.length === 0) {
    const error = !person ? "Select who you are signing in as" : "Select at least one permission";
    sendHtml(res, 400, renderConsentPage(request, { personId, granted: grantedScopes, error }));
    return null;
  }

  const code = state.tokens.issueCode({
    clientId: request.client.clientId,
    redirectUri: request.redirectUriSent ? request.redirectUri : null,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    userId: person.encodedId,
    scopes: grantedScopes,
  });
  // Fitbit appends `#_=_` to the success redirect (reference §1.2).
  redirect(res, `${withQuery(request.redirectUri, { code, state: request.state })}#_=_`);
  return person.encodedId;
}
