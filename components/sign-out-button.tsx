"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ compact = false }: { compact?: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={compact ? "button button-secondary button-small" : "button button-secondary"}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/?signedout=1" });
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
