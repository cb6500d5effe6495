/**
 * `GET /`: a small page saying what this server is, which apps are registered and who the demo
 * people are. Client secrets are deliberately not shown.
 */
import { html, page } from "./html";
import { DEMO_PEOPLE } from "./people";
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
  const people = DEMO_PEOPLE.map(
    (p) =>
      html`<tr>
        <td><code>${p.encodedId}</code></td>
        <td>${p.firstName} ${p.lastName}</td>
        <td>${p.timezone}</td>
        <td>${p.blurb}</td>
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
            <th>Id</th>
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
      <h2>Control API</h2>
      <p>
        <code>/__emulator/health</code>, <code>requests</code>, <code>requests/reset</code>,
        <code>clock</code>, <code>faults</code>, <code>retired</code>, <code>rate-limit</code>,
        <code>reset</code>, <code>users/{id}/tokens</code>,
        <code>users/{id}/expire-access-tokens</code>.
      </p>
    </div>`,
  );
}
