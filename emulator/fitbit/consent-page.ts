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
  const appName = request.client.name ?? request.client.clientId;
  const personId = state.personId ?? DEMO_PEOPLE[0]!.encodedId;
  const granted = new Set(state.granted ?? request.scopes);

  const hidden = Object.entries(request.original).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );

  // The label is just the name ("Ada Steady", "sleep") so it is the control's accessible name;
  // the longer text is attached as its description.
  const option = (
    type: string,
    id: string,
    name: string,
    value: string,
    checked: boolean,
    label: string,
    description: string,
  ) =>
    html`<div class="option">
      <input
        type="${type}"
        id="${id}"
        name="${name}"
        value="${value}"
        aria-describedby="${id}-desc"
        ${checked ? html`checked` : ""}
      />
      <div><label for="${id}">${label}</label><small id="${id}-desc">${description}</small></div>
    </div>`;

  const people = DEMO_PEOPLE.map((p) =>
    option(
      "radio",
      `person-${p.encodedId}`,
      "person",
      p.encodedId,
      p.encodedId === personId,
      `${p.firstName} ${p.lastName}`,
      p.blurb,
    ),
  );
  const scopes = request.scopes.map((s) =>
    option("checkbox", `scope-${s}`, "granted", s, granted.has(s), s, SCOPE_DESCRIPTIONS[s]),
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
