/**
 * The consent page. A demo user picks which demo person they are (instead of a Fitbit login),
 * may untick scopes (apps must cope with a subset), and presses Allow or Deny.
 */
import { html, page } from "../html";
import { DEMO_PEOPLE } from "../people";
import type { FitbitScope } from "../types";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import type { AuthorizeRequest } from "./oauth-params";

export interface ConsentState {
  /** Selected person (defaults to the first demo person). */
  personId?: string;
  /** Ticked scopes (defaults to all requested). */
  granted?: readonly FitbitScope[];
  /** Shown above the form, e.g. "Select at least one permission". */
  error?: string;
}

export function renderConsentPage(request: AuthorizeRequest, state: ConsentState = {}): string {
  const appName = request.client.clientId;
  const personId = state.personId ?? DEMO_PEOPLE[0]!.encodedId;
  const granted = new Set(state.granted ?? request.scopes);

  const hidden = Object.entries(request.original).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );

  const people = DEMO_PEOPLE.map(
    (p) =>
      html`<div class="option">
        <input
          type="radio"
          id="person-${p.encodedId}"
          name="person"
          value="${p.encodedId}"
          ${p.encodedId === personId ? html` checked` : ""}
        />
        <label for="person-${p.encodedId}"
          ><strong>${p.firstName} ${p.lastName}</strong> <small>${p.blurb}</small></label
        >
      </div>`,
  );

  const scopes = request.scopes.map(
    (s) =>
      html`<div class="option">
        <input
          type="checkbox"
          id="scope-${s}"
          name="granted"
          value="${s}"
          ${granted.has(s) ? html` checked` : ""}
        />
        <label for="scope-${s}"
          ><strong>${s}</strong> <small>${SCOPE_DESCRIPTIONS[s]}</small></label
        >
      </div>`,
  );

  const body = html`<div class="card">
<h1 id="consent-title">${appName} would like the ability to access the following data in your Fitbit account</h1>
${state.error ? html`<p class="error" role="alert" id="consent-error">${state.error}</p>` : ""}
<form method="post" action="/oauth2/authorize" aria-labelledby="consent-title">
${hidden}
<fieldset>
  <legend>Sign in as</legend>
  ${people}
</fieldset>
<fieldset${state.error ? html` aria-describedby="consent-error"` : ""}>
  <legend>Allow ${appName} to access</legend>
  ${scopes}
</fieldset>
<p><small>Data shared with ${appName} will be governed by the app's privacy policy. You can revoke access at any time.</small></p>
<div class="actions">
  <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
  <button type="submit" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>
</div>`;
  return page("Fitbit - Authorize application", body);
}
