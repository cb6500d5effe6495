"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** Starts "Sign in with Fitbit" (PKCE + state are handled server-side by NextAuth). */
export function SignInButton({ label = "Sign in with Fitbit", callbackUrl = "/dashboard" }: { label?: string; callbackUrl?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button-primary button-large"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("fitbit", { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {pending ? "Opening Fitbit…" : label}
    </button>
  );
}
