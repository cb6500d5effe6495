"use client";

import { useState, useTransition } from "react";
import { disconnectConnection } from "@/app/account/actions";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";

export function DisconnectButton({
  provider = FITBIT_PROVIDER_ID,
  providerName = "Fitbit",
}: {
  provider?: "google-health" | typeof FITBIT_PROVIDER_ID;
  providerName?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Disconnect {providerName}
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm disconnect" className="notice notice-warn stack">
      <p>
        Nightly will revoke its access at {providerName}, delete your tokens and sign you out everywhere. Data already in
        Nightly stays until you delete it.
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await disconnectConnection({ confirm: "yes", provider });
              if (!result.ok) {
                setError(result.error.message);
                return;
              }
              // The session is gone server-side; a full navigation drops client state too.
              window.location.assign(result.data.outcome === "revoked" ? "/?disconnected=1" : "/?disconnected=local");
            })
          }
        >
          {pending ? "Disconnecting…" : `Yes, disconnect ${providerName}`}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
