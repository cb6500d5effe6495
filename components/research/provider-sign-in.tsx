"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** Sign-in buttons for whichever providers the server has configured (ids and names come from it). */
export function ProviderSignIn({ providers, callbackUrl, verb = "Sign in with" }: { providers: { id: string; name: string }[]; callbackUrl: string; verb?: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="actions">
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className="button button-primary"
          disabled={pending !== null}
          onClick={() => {
            setPending(provider.id);
            void signIn(provider.id, { callbackUrl }).catch(() => setPending(null));
          }}
        >
          {pending === provider.id ? `Opening ${provider.name}…` : `${verb} ${provider.name}`}
        </button>
      ))}
    </div>
  );
}
