"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Reads the profile from Fitbit now (through the server's token manager) and re-renders. */
export function RefreshProfileButton() {
  const router = useRouter();
  const [state, setState] = useState<{ pending: boolean; message: string | null }>({ pending: false, message: null });
  return (
    <div className="actions">
      <button
        type="button"
        className="button button-secondary"
        disabled={state.pending}
        onClick={async () => {
          setState({ pending: true, message: null });
          const response = await fetch("/api/fitbit/profile", { method: "POST", cache: "no-store" }).catch(() => null);
          if (response?.ok) {
            setState({ pending: false, message: "Profile updated from Fitbit." });
            router.refresh();
            return;
          }
          const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
          setState({ pending: false, message: body?.error?.message ?? "Could not reach Nightly." });
          router.refresh();
        }}
      >
        {state.pending ? "Refreshing…" : "Refresh from Fitbit"}
      </button>
      {state.message ? <span role="status">{state.message}</span> : null}
    </div>
  );
}
