"use client";

import { useState, useTransition } from "react";
import { deleteMyData } from "@/app/account/actions";
import { DELETE_CONFIRMATION } from "@/lib/api-schemas/account";

/** "Delete my data": explains what goes, asks for the words typed out, then deletes everything. */
export function DeleteAccountButton() {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete my data…
      </button>
    );
  }
  const ready = typed.trim().toLowerCase() === DELETE_CONFIRMATION;
  return (
    <form
      aria-label="Confirm deleting your data"
      className="notice notice-warn stack"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await deleteMyData({ confirm: typed });
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          window.location.assign(result.data.outcome === "revoked" ? "/?deleted=1" : "/?deleted=local");
        });
      }}
    >
      <p>
        Nightly will revoke its access at Fitbit, then permanently delete your synced sleep, HRV, breathing and
        nutrition data, your tokens, your sessions and your account. This cannot be undone. Your data at Fitbit
        itself is not touched.
      </p>
      <label className="stack">
        <span>
          Type <strong>{DELETE_CONFIRMATION}</strong> to confirm
        </span>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" disabled={pending} />
      </label>
      {error ? <p role="alert">{error}</p> : null}
      <div className="actions">
        <button type="submit" className="button button-danger" disabled={!ready || pending}>
          {pending ? "Deleting…" : "Delete everything"}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
