"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeAccessAction } from "@/app/admin/actions";

/**
 * "Revoke access…" with a confirmation step: the admin reads what will happen, chooses whether
 * the synced data is kept or deleted, and confirms. The result comes back in words.
 */
export function RevokeAccessForm({ userId, who, revoked }: { userId: string; who: string; revoked: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [data, setData] = useState<"keep" | "delete">("keep");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The result stays after the refresh that shows the row as revoked.
  if (message) return <p role="status" className="notice notice-info">{message}</p>;
  if (revoked) return <span className="muted">access revoked</span>;
  if (!confirming) {
    return (
      <button type="button" className="button button-danger button-small" onClick={() => setConfirming(true)}>
        Revoke access for {who}…
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm revoking access for ${who}`} className="notice notice-warn stack">
      <p>
        Nightly will revoke its access at {who}&apos;s providers, delete their tokens, sign them out everywhere at once, cancel
        their queued syncs and revoke their API tokens. They will be told on their next visit.
      </p>
      <fieldset>
        <legend>Data Nightly already synced</legend>
        <label>
          <input type="radio" name={`data-${userId}`} value="keep" checked={data === "keep"} onChange={() => setData("keep")} /> Keep it
        </label>{" "}
        <label>
          <input type="radio" name={`data-${userId}`} value="delete" checked={data === "delete"} onChange={() => setData("delete")} /> Delete it
        </label>
      </fieldset>
      {error ? <p role="alert">{error}</p> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await revokeAccessAction({ userId, data, confirm: "revoke" });
              if (!result.ok) {
                setError(result.error.message);
                return;
              }
              setMessage(result.data.message);
              router.refresh();
            })
          }
        >
          {pending ? "Revoking…" : `Yes, revoke access for ${who}`}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
