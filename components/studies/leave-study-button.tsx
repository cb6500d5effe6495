"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { leaveStudyAction } from "@/app/research/actions";

/** Leave a study, after saying plainly what leaving does. */
export function LeaveStudyButton({ studyId, studyName }: { studyId: string; studyName: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <div className="actions">
        <button type="button" className="button button-danger button-small" onClick={() => setConfirming(true)}>
          Leave “{studyName}”…
        </button>
      </div>
    );
  }
  return (
    <div role="group" aria-label={`Confirm leaving ${studyName}`} className="notice notice-warn stack">
      <p>From the moment you leave, the research team can no longer open or export any of your data in Nightly. Exports they made before stay with them. Your own dashboard is not affected.</p>
      {error ? <p role="alert">{error}</p> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await leaveStudyAction({ studyId });
              if (!result.ok) {
                setError(result.error.message);
                return;
              }
              router.refresh();
            })
          }
        >
          {pending ? "Leaving…" : `Yes, leave “${studyName}”`}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
