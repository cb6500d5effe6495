"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";

type Result = { ok: true; data: { message?: string; secret?: string } | void } | { ok: false; error: { code: string; message: string } };

/**
 * A form posting to a server action (authorized on the server by defineAction). Shows the
 * action's error in words, a one-time secret when the action returns one, then refreshes.
 */
export function ActionForm({ action, submitLabel, pendingLabel, children, danger = false, secretLabel }: {
  action: (data: FormData) => Promise<Result>;
  submitLabel: string;
  pendingLabel?: string;
  children?: ReactNode;
  danger?: boolean;
  secretLabel?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(async () => {
          const result = await action(data);
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          setError(null);
          setMessage(result.data?.message ?? null);
          setSecret(result.data?.secret ?? null);
          router.refresh();
        });
      }}
    >
      {children}
      {error ? <p role="alert" className="notice notice-warn">{error}</p> : null}
      {message ? <p role="status" className="notice notice-info">{message}</p> : null}
      {secret ? (
        <div role="status" className="notice notice-info stack">
          <strong>{secretLabel ?? "Copy this now; it will not be shown again."}</strong>
          <input readOnly value={secret} aria-label="One-time secret" data-testid="one-time-secret" style={{ width: "100%", fontFamily: "monospace" }} onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className={`button ${danger ? "button-danger" : "button-primary"}`} disabled={pending}>
          {pending ? (pendingLabel ?? "Working…") : submitLabel}
        </button>
      </div>
    </form>
  );
}
