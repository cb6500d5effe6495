import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Branded 404 with a way back. */
export default function NotFound() {
  return (
    <div className="error-page stack">
      <p className="stat-label">Error 404</p>
      <h1>There is no page here</h1>
      <p className="muted">The address may be mistyped, or the page has moved.</p>
      <div className="actions">
        <Link className="button button-primary" href="/dashboard">
          Go to your dashboard
        </Link>
        <Link className="button button-secondary" href="/">
          Nightly home
        </Link>
      </div>
    </div>
  );
}
