import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/sign-in-button";
import { currentUserPage } from "@/lib/auth/session";
import { legacyProviderIds, providerById, successorProviderOf } from "@/lib/providers/registry";

export const metadata: Metadata = { title: "Update your connection" };
export const dynamic = "force-dynamic";

/**
 * Where the update link an admin sends again leads (issue 9 §1). Signed in: the dashboard has
 * the notice. Signed out: sign in with the successor; its identity names the person's legacy
 * account, so it joins their Nightly account with its history (decision 0013). Nothing in the
 * link identifies the person: the provider's identity decides.
 */
export default async function UpdateConnectionPage() {
  if (await currentUserPage()) redirect("/dashboard");
  const moves = legacyProviderIds().flatMap((legacyId) => {
    const successor = successorProviderOf(legacyId);
    return successor && successor.configured() ? [{ legacy: providerById(legacyId).copy.name, successor: { id: successor.id, name: successor.copy.name } }] : [];
  });
  const move = moves[0];
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <h1>Update your connection</h1>
      {move ? (
        <>
          <p>
            {move.legacy} has switched off the connection Nightly used. Your history is safe and stays in Nightly. Sign in with {move.successor.name}, where{" "}
            {move.legacy} accounts live now, using the {move.successor.name} account your {move.legacy} account was moved to: your nights continue with no gap.
          </p>
          <SignInButton label={`Update your connection with ${move.successor.name}`} provider={move.successor.id} providerName={move.successor.name} callbackUrl="/dashboard?moved=1" />
        </>
      ) : (
        <p className="notice notice-warn">This Nightly deployment cannot take new connections right now. Please contact the people who run it.</p>
      )}
    </div>
  );
}
