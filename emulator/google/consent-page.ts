/**
 * Google's consent screen, emulated: pick the Google account (a demo person) and untick Health
 * scopes (granular consent; the OpenID scopes are part of signing in and stay on). The app's
 * name comes from its client registration.
 */
import { html, page } from "../html";
import type { GoogleAuthorizeRequest } from "./oauth-params";
import { GOOGLE_PEOPLE } from "./people";
import { describeScope, isOptional } from "./scopes";

export interface GoogleConsentState {
  personId?: string;
  granted?: readonly string[];
  error?: string;
}

export function renderGoogleConsent(
  request: GoogleAuthorizeRequest,
  state: GoogleConsentState = {},
): string {
  const app = request.client.name;
  const hinted = GOOGLE_PEOPLE.find((g) => g.email === request.loginHint)?.healthUserId;
  const personId = state.personId ?? hinted ?? GOOGLE_PEOPLE[0]!.healthUserId;
  const granted = new Set(state.granted ?? request.scopes);
  const hidden = Object.entries(request.original).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const option = (
    type: string,
    id: string,
    name: string,
    value: string,
    checked: boolean,
    label: string,
    description: string,
    disabled = false,
  ) =>
    html`<div class="option">
      <input
        type="${type}"
        id="${id}"
        name="${name}"
        value="${value}"
        aria-describedby="${id}-desc"
        ${checked ? html`checked` : ""}
        ${disabled ? html`disabled` : ""}
      />
      <div><label for="${id}">${label}</label><small id="${id}-desc">${description}</small></div>
    </div>`;

  const people = GOOGLE_PEOPLE.map((g) =>
    option(
      "radio",
      `account-${g.healthUserId}`,
      "person",
      g.healthUserId,
      g.healthUserId === personId,
      `${g.person.firstName} ${g.person.lastName}`,
      `${g.email} — ${g.person.blurb}`,
    ),
  );
  const scopes = request.scopes.map((s, i) =>
    isOptional(s)
      ? option("checkbox", `scope-${i}`, "granted", s, granted.has(s), describeScope(s), s)
      : option(
          "checkbox",
          `scope-${i}`,
          "",
          s,
          true,
          describeScope(s),
          `${s} (required to sign in)`,
          true,
        ),
  );

  const body = html`<div class="card">
<h1 id="consent-title">${app} wants to access your Google Account</h1>
${state.error ? html`<p class="error" role="alert" id="consent-error">${state.error}</p>` : ""}
<form method="post" action="/o/oauth2/v2/auth" aria-labelledby="consent-title">
${hidden}
<fieldset>
  <legend>Choose an account</legend>
  ${people}
</fieldset>
<fieldset${state.error ? html` aria-describedby="consent-error"` : ""}>
  <legend>Select what ${app} can access</legend>
  ${scopes}
</fieldset>
<p><small>Make sure you trust ${app}. You can see or remove its access in your Google Account.</small></p>
<div class="actions">
  <button type="submit" name="decision" value="deny" class="secondary">Cancel</button>
  <button type="submit" name="decision" value="allow" class="primary">Continue</button>
</div>
</form>
</div>`;
  return page(`Sign in - Google Accounts`, body, "Google");
}

/** Google's authorization error page: "Access blocked" / "Error 400: redirect_uri_mismatch". */
export function googleErrorPage(error: string, message: string, status = 400): string {
  return page(
    "Error - Google Accounts",
    html`<div class="card">
      <h1>Access blocked: authorization error</h1>
      <p class="error" role="alert">${message}</p>
      <p><strong>Error ${status}: ${error}</strong></p>
    </div>`,
    "Google",
  );
}
