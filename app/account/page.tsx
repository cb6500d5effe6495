import type { Metadata } from "next";
import { ConnectionStatusBadge } from "@/components/connection-status-badge";
import { DeleteAccountButton } from "@/components/delete-account-button";
import { DisconnectButton } from "@/components/disconnect-button";
import { formatDateTime, formatRelative } from "@/components/format";
import { RefreshProfileButton } from "@/components/refresh-profile-button";
import { SignInButton } from "@/components/sign-in-button";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUserPage } from "@/lib/auth/session";
import { getConnectionSummary } from "@/lib/connections/connections";
import { db } from "@/lib/db/client";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";
import { FITBIT_REQUESTED_SCOPES, SCOPE_FEATURES, missingScopes } from "@/lib/providers/fitbit/scopes";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

const UNIT_LABELS = { METRIC: "Metric", US: "US (imperial)", UK: "UK" } as const;

export default async function AccountPage() {
  const sessionUser = await requireUserPage();
  const [user, connection] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: sessionUser.id } }),
    getConnectionSummary(sessionUser.id, FITBIT_PROVIDER_ID),
  ]);
  const missing = connection ? missingScopes(connection.grantedScopes) : [...FITBIT_REQUESTED_SCOPES];
  return (
    <div className="stack">
      <h1>Your account</h1>
      {connection?.status === "NEEDS_RECONSENT" ? (
        <div role="alert" className="notice notice-warn actions">
          <span>Fitbit stopped accepting Nightly&apos;s access, so syncing is paused. Sign in again to resume.</span>
          <SignInButton label="Reconnect Fitbit" callbackUrl="/account" />
        </div>
      ) : null}
      <div className="grid">
        <section className="card stack" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Fitbit profile</h2>
          <div className="actions">
            {user.image ? (
              // eslint-disable-next-line @next/next/no-img-element -- provider-hosted avatar
              <img className="avatar" src={user.image} alt={`${user.name ?? "Your"} avatar`} width={64} height={64} />
            ) : null}
            <div>
              <div style={{ fontSize: "1.3rem", fontWeight: 600 }} data-testid="profile-name">
                {user.name ?? "Fitbit user"}
              </div>
              <div className="muted">Fitbit user {connection?.providerUserId ?? "—"}</div>
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
          {connection?.status === "ACTIVE" && connection.grantedScopes.includes("profile") ? <RefreshProfileButton /> : null}
        </section>

        <section className="card stack" aria-labelledby="connection-heading">
          <h2 id="connection-heading">Fitbit connection</h2>
          {connection ? (
            <>
              <div>
                <ConnectionStatusBadge status={connection.status} />
                {connection.statusReason ? <span className="muted"> {connection.statusReason}</span> : null}
              </div>
              <dl className="facts">
                <dt>Connected on</dt>
                <dd>{formatDateTime(connection.connectedAt, user.timezone)}</dd>
                <dt>Access token expires</dt>
                <dd data-testid="token-expiry">
                  {connection.accessTokenExpiresAt
                    ? `${formatDateTime(connection.accessTokenExpiresAt, user.timezone)} (${formatRelative(connection.accessTokenExpiresAt)})`
                    : "—"}
                </dd>
                <dt>Last refresh</dt>
                <dd data-testid="last-refresh">
                  {connection.lastRefreshedAt ? formatDateTime(connection.lastRefreshedAt, user.timezone) : "Not yet refreshed"}
                </dd>
              </dl>
              <div>
                <h3 style={{ fontSize: "1rem" }}>Permissions you granted</h3>
                <ul className="scope-list" aria-label="Granted permissions">
                  {FITBIT_REQUESTED_SCOPES.map((scope) => {
                    const granted = connection.grantedScopes.includes(scope);
                    return (
                      <li key={scope} data-scope={scope} data-granted={granted}>
                        <span aria-hidden="true">{granted ? "✓" : "✗"}</span>
                        <span>
                          <strong>{SCOPE_FEATURES[scope].label}</strong>
                          <span className="muted">
                            {" "}
                            ({granted ? "granted" : "not granted"}) — {SCOPE_FEATURES[scope].feature}
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
                    Without {missing.map((scope) => SCOPE_FEATURES[scope].label.toLowerCase()).join(", ")} Nightly
                    can&apos;t show: {missing.map((scope) => SCOPE_FEATURES[scope].feature).join("; ")}.
                  </p>
                  <SignInButton label="Ask Fitbit again" callbackUrl="/account" />
                </div>
              ) : null}
            </>
          ) : (
            <p>Fitbit is not connected.</p>
          )}
          <div className="actions">
            {connection && connection.status !== "REVOKED" ? <DisconnectButton /> : null}
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
