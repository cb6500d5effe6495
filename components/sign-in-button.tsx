"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";

/** Starts "Sign in with Fitbit" (PKCE + state are handled server-side by NextAuth). */
export function SignInButton({
  label = "Sign in with Fitbit",
  callbackUrl = "/dashboard",
  provider = FITBIT_PROVIDER_ID,
  providerName = "Fitbit",
  variant = "primary",
}: {
  label?: string;
  callbackUrl?: string;
  /** NextAuth provider id. */
  provider?: string;
  providerName?: string;
  variant?: "primary" | "secondary";
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={`button button-${variant} button-large`}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn(provider, { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {pending ? `Opening ${providerName}…` : label}
    </button>
  );
}
