/**
 * `GET /`: a small page saying what this server is, which apps are registered and who the demo
 * people are. Client secrets are deliberately not shown.
 */
import { html, page } from "./html";
import { GOOGLE_PEOPLE } from "./google/people";
import type { EmulatorState } from "./state";

export function renderIndexPage(state: EmulatorState, origin: string): string {
  const clients = [...state.clients.values()].map(
    (c) =>
      html`<tr>
        <td><code>${c.clientId}</code></td>
        <td>${c.appType}</td>
        <td>${c.intraday ? "yes" : "no"}</td>
        <td>${c.redirectUris.map((u) => html`<code>${u}</code><br />`)}</td>
      </tr>`,
  );
  const people = GOOGLE_PEOPLE.map(
    (g) =>
      html`<tr>
        <td>${g.legacyUserId ? html`<code>${g.legacyUserId}</code>` : "none"}</td>
        <td><code>${g.healthUserId}</code></td>
        <td>${g.person.firstName} ${g.person.lastName}</td>
        <td>${g.person.timezone}</td>
        <td>${g.person.blurb}</td>
      </tr>`,
  );
  const googleClients = [...state.google.clients.values()].map(
    (c) =>
      html`<tr>
        <td><code>${c.clientId}</code></td>
        <td>${c.name}${c.testing ? " (Testing)" : ""}</td>
        <td>${c.redirectUris.map((u) => html`<code>${u}</code><br />`)}</td>
      </tr>`,
  );
  const routes = ["profile", ...state.dataRoutes.map((r) => r.name)];
  return page(
    "Fitbit Web API emulator",
    html`<div class="card">
      <h1>Fitbit Web API emulator</h1>
      <p>
        A local, strict stand-in for the legacy Fitbit Web API: OAuth 2.0 (authorization code +
        PKCE, refresh-token rotation with the two-minute replay window, revoke, introspect), rate
        limits and the data endpoints Nightly reads. Point the app at <code>${origin}</code>.
      </p>
      ${state.retired ? html`<p class="error" role="status">Retired mode is on: every Fitbit endpoint answers 410 Gone.</p>` : ""}
      <h2>Registered apps</h2>
      <table>
        <thead>
          <tr>
            <th>Client id</th>
            <th>Type</th>
            <th>Intraday</th>
            <th>Redirect URIs</th>
          </tr>
        </thead>
        <tbody>
          ${clients}
        </tbody>
      </table>
      <h2>Demo people</h2>
      <table>
        <thead>
          <tr>
            <th>Fitbit id</th>
            <th>Google healthUserId</th>
            <th>Name</th>
            <th>Time zone</th>
            <th>About</th>
          </tr>
        </thead>
        <tbody>
          ${people}
        </tbody>
      </table>
      <h2>Endpoints</h2>
      <p>
        <code>GET /oauth2/authorize</code>, <code>POST /oauth2/token</code>,
        <code>POST /oauth2/revoke</code>, <code>POST /1.1/oauth2/introspect</code>; data routes:
        ${routes.map((r, i) => html`${i ? ", " : ""}<code>${r}</code>`)}.
      </p>
      <p>
        Rate limit: ${state.rateLimiter.perHour} requests per user per app per clock hour. Access
        tokens live ${state.tokenLifetimeSeconds} s.
      </p>
      <h2>Google OAuth and Health API</h2>
      <p>
        Same people, same nights. <code>GET /o/oauth2/v2/auth</code>, <code>POST /token</code>,
        <code>POST /revoke</code>, <code>/.well-known/openid-configuration</code>,
        <code>/oauth2/v3/certs</code>, <code>/v1/userinfo</code>;
        <code>/v4/users/me/{identity,profile,settings,pairedDevices}</code> and
        <code>/v4/users/me/dataTypes/{type}/dataPoints</code> (list, <code>:reconcile</code>,
        <code>:dailyRollUp</code>). ${state.google.rateLimiter.perMinute} requests per person per
        minute.
      </p>
      <table>
        <thead>
          <tr>
            <th>Google client id</th>
            <th>App name</th>
            <th>Redirect URIs</th>
          </tr>
        </thead>
        <tbody>
          ${googleClients}
        </tbody>
      </table>
      <h2>Control API</h2>
      <p>
        <code>/__emulator/health</code>, <code>requests</code>, <code>requests/reset</code>,
        <code>clock</code>, <code>faults</code>, <code>retired</code>, <code>rate-limit</code>,
        <code>reset</code>, <code>users/{id}/tokens</code>,
        <code>users/{id}/expire-access-tokens</code>, <code>users/{id}/revoke-tokens</code> (each
        with <code>?provider=google</code>), <code>people</code>, <code>google/paging</code>.
      </p>
    </div>`,
  );
}
