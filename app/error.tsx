"use client";

import Link from "next/link";

/** Branded error page for anything a page failed to render: try again, or a way back. */
export default function ErrorPage({ reset, error }: { reset: () => void; error: Error & { digest?: string } }) {
  return (
    <div className="error-page stack" role="alert">
      <p className="stat-label">Something went wrong</p>
      <h1>Nightly couldn&apos;t show this page</h1>
      <p className="muted">
        This is on our side, not yours. Try again in a moment{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={reset}>
          Try again
        </button>
        <Link className="button button-secondary" href="/dashboard">
          Go to your dashboard
        </Link>
      </div>
    </div>
  );
}
