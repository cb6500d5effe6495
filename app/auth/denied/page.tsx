import type { Metadata } from "next";
import Link from "next/link";
import { SignInButton } from "@/components/sign-in-button";

export const metadata: Metadata = { title: "Access not granted" };

export default function DeniedPage() {
  return (
    <section className="card stack" style={{ maxWidth: 640 }}>
      <h1>No problem — nothing was shared</h1>
      <p>
        You chose not to let Nightly read your Fitbit data, so Nightly has no access and stored nothing. If you
        change your mind, you can connect again at any time and pick exactly what to share.
      </p>
      <div className="actions">
        <SignInButton label="Try again with Fitbit" />
        <Link href="/">Back to the start page</Link>
      </div>
    </section>
  );
}
