import type { Metadata } from "next";
import Link from "next/link";
import { SignInButton } from "@/components/sign-in-button";

export const metadata: Metadata = { title: "Sign-in problem" };

const EXPLANATIONS: Record<string, string> = {
  OAuthCallback: "Fitbit sent Nightly back without a usable answer. This is usually temporary.",
  OAuthSignin: "Nightly could not start the Fitbit sign-in. Please try again.",
  Callback: "Nightly could not finish signing you in with Fitbit. Please try again.",
  AccessDenied: "Access was not granted.",
  Configuration: "Nightly's Fitbit connection is not configured correctly. Please tell the study team.",
  SessionRequired: "Please sign in to see that page.",
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const code = typeof error === "string" ? error : "Callback";
  const explanation = EXPLANATIONS[code] ?? EXPLANATIONS.Callback;
  return (
    <section className="card stack" style={{ maxWidth: 640 }} role="alert">
      <h1>Signing in did not work</h1>
      <p>{explanation}</p>
      <div className="actions">
        <SignInButton label="Try again" />
        <Link href="/">Back to the start page</Link>
      </div>
    </section>
  );
}
