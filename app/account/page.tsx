import type { Metadata } from "next";
import { ConnectionStatusBadge } from "@/components/connection-status-badge";
import { DeleteAccountButton } from "@/components/delete-account-button";
import { DisconnectButton } from "@/components/disconnect-button";
import { formatDateTime, formatRelative } from "@/components/format";
import { requestLocale } from "@/lib/locale/request";
import { RefreshProfileButton } from "@/components/refresh-profile-button";
import { SignInButton } from "@/components/sign-in-button";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUserPage } from "@/lib/auth/session";
import { getConnectionSummary } from "@/lib/connections/connections";
import { db } from "@/lib/db/client";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";
import { FITBIT_REQUESTED_SCOPES, SCOPE_FEATURES } from "@/lib/providers/fitbit/scopes";
import { GOOGLE_HEALTH_PROVIDER_ID } from "@/lib/providers/google/id";
import { GOOGLE_REQUESTED_SCOPES, GOOGLE_SCOPE_FEATURES } from "@/lib/providers/google/scopes";
import { syncedProviderOf } from "@/lib/sync/connection-choice";

/** What the page says about each provider: its name and the permissions it asks for. */
const PROVIDER_VIEW = {
  [GOOGLE_HEALTH_PROVIDER_ID]: {
    name: "Google",
    scopes: GOOGLE_REQUESTED_SCOPES as readonly string[],
    features: GOOGLE_SCOPE_FEATURES as Record<string, { label: string; feature: string }>,
  },
  [FITBIT_PROVIDER_ID]: {
    name: "Fitbit",
    scopes: FITBIT_REQUESTED_SCOPES as readonly string[],
    features: SCOPE_FEATURES as Record<string, { label: string; feature: string }>,
  },
} as const;

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

const UNIT_LABELS = { METRIC: "Metric", US: "US (imperial)", UK: "UK" } as const;

export default async function AccountPage() {
  const sessionUser = await requireUserPage();
  const locale = await requestLocale();
  const chosen = (await syncedProviderOf(sessionUser.id)) ?? FITBIT_PROVIDER_ID;
  const provider = chosen === GOOGLE_HEALTH_PROVIDER_ID ? GOOGLE_HEALTH_PROVIDER_ID : FITBIT_PROVIDER_ID;
  const view = PROVIDER_VIEW[provider];
  const [user, connection] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: sessionUser.id } }),
    getConnectionSummary(sessionUser.id, provider),
  ]);
  const missing = view.scopes.filter((scope) => !connection?.grantedScopes.includes(scope));
  const SCOPE_FEATURES = view.features;
  const providerName = view.name;
  return (
    <div className="stack">
      <h1>Your account</h1>
      {connection?.status === "NEEDS_RECONSENT" ? (
        <div role="alert" className="notice notice-warn actions">
          <span>
            {providerName} stopped accepting Nightly&apos;s access, so syncing is paused (needs re-consent). Sign in
            again to resume.
          </span>
          <SignInButton label={`Reconnect ${providerName}`} callbackUrl="/account" provider={provider} providerName={providerName} />
        </div>
      ) : null}
      <div className="grid">
        <section className="card stack" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <div className="actions">
            {user.image ? (
              // eslint-disable-next-line @next/next/no-img-element -- provider-hosted avatar
              <img className="avatar" src={user.image} alt={`${user.name ?? "Your"} avatar`} width={64} height={64} />
            ) : null}
            <div>
              <div style={{ fontSize: "1.3rem", fontWeight: 600 }} data-testid="profile-name">
                {user.name ?? `${providerName} user`}
              </div>
              <div className="muted">{providerName} user {connection?.providerUserId ?? "—"}</div>
            </div>
          </div>
          <dl className="facts">
            <dt>Timezone</dt>
            <dd>{user.timezone ?? "Not shared"}</dd>
            <dt>Member since</dt>
            <dd>{user.memberSince ?? "Not shared"}</dd>
            <dt>Units</dt>
            <dd>{UNIT_LABELS[user.unitSystem]}</dd>
          </dl>
          {/* Only Fitbit's profile can be read on demand; a Google profile comes with sign-in and sync. */}
          {provider === FITBIT_PROVIDER_ID && connection?.status === "ACTIVE" && connection.grantedScopes.includes("profile") ? <RefreshProfileButton /> : null}
        </section>

        <section className="card stack" aria-labelledby="connection-heading">
          <h2 id="connection-heading">{providerName} connection</h2>
          <p className="muted" data-testid="connection-provider">
            Data source: {provider === GOOGLE_HEALTH_PROVIDER_ID ? "Google Health API" : "Fitbit Web API (legacy)"}
          </p>
          {connection ? (
            <>
              <div>
                <ConnectionStatusBadge status={connection.status} />
                {connection.statusReason ? <span className="muted"> {connection.statusReason}</span> : null}
              </div>
              <dl className="facts">
                <dt>Connected on</dt>
                <dd>{formatDateTime(connection.connectedAt, user.timezone, locale)}</dd>
                <dt>Access token expires</dt>
                <dd data-testid="token-expiry">
                  {connection.accessTokenExpiresAt
                    ? `${formatDateTime(connection.accessTokenExpiresAt, user.timezone, locale)} (${formatRelative(connection.accessTokenExpiresAt, locale)})`
                    : "—"}
                </dd>
                <dt>Last refresh</dt>
                <dd data-testid="last-refresh">
                  {connection.lastRefreshedAt ? formatDateTime(connection.lastRefreshedAt, user.timezone, locale) : "Not yet refreshed"}
                </dd>
              </dl>
              <div>
                <h3 style={{ fontSize: "1rem" }}>Permissions you granted</h3>
                <ul className="scope-list" aria-label="Granted permissions">
                  {view.scopes.map((scope) => {
                    const granted = connection.grantedScopes.includes(scope);
                    return (
                      <li key={scope} data-scope={scope} data-granted={granted}>
                        <span aria-hidden="true">{granted ? "✓" : "✗"}</span>
                        <span>
                          <strong>{SCOPE_FEATURES[scope]!.label}</strong>
                          <span className="muted">
                            {" "}
                            ({granted ? "granted" : "not granted"}) — {SCOPE_FEATURES[scope]!.feature}
                          </span>
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </div>
              {missing.length > 0 && connection.status === "ACTIVE" ? (
                <div className="notice notice-info stack" data-testid="missing-scopes">
                  <p>
                    Without {missing.map((scope) => SCOPE_FEATURES[scope]!.label.toLowerCase()).join(", ")} Nightly
                    can&apos;t show: {missing.map((scope) => SCOPE_FEATURES[scope]!.feature).join("; ")}.
                  </p>
                  <SignInButton
                    label={`Ask ${providerName} again`}
                    callbackUrl="/account"
                    provider={provider}
                    providerName={providerName}
                  />
                </div>
              ) : null}
            </>
          ) : (
            <p>{providerName} is not connected.</p>
          )}
          <div className="actions">
            {connection && connection.status !== "REVOKED" ? <DisconnectButton provider={provider} providerName={providerName} /> : null}
            <SignOutButton />
          </div>
        </section>
      </div>
      <section className="card stack" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete my data</h2>
        <p className="muted">Remove everything Nightly holds about you: synced data, tokens, sessions and your account.</p>
        <div className="actions">
          <DeleteAccountButton />
        </div>
      </section>
    </div>
  );
}
