import { redirect } from "next/navigation";
import { SignInButton } from "@/components/sign-in-button";
import { ProviderSignIn } from "@/components/research/provider-sign-in";
import { staffSignInOption } from "@/lib/auth/sign-in-options";
import { endedSessionReason } from "@/lib/auth/ended-session";
import { currentUserPage } from "@/lib/auth/session";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";
import { GOOGLE_HEALTH_PROVIDER_ID } from "@/lib/providers/google/id";
import { returnPathOf } from "@/lib/http/callback-url";
import { configuredProviderIds } from "@/lib/providers/registry";
import { legacyRetiredSetting } from "@/lib/deployment/legacy-retired";

const MESSAGES: Record<string, { tone: "info" | "warn"; text: string }> = {
  signedout: { tone: "info", text: "You are signed out." },
  disconnected: { tone: "info", text: "Disconnected: Nightly revoked its access and deleted your tokens." },
  disconnected_locally: {
    tone: "warn",
    text: "Nightly deleted your tokens, but the provider could not be reached to revoke them. You can also remove Nightly in your Google or Fitbit account settings.",
  },
  required: { tone: "info", text: "Sign in to see that page." },
  legacy_retired: {
    tone: "warn",
    text: "Nightly no longer connects through the old Fitbit Web API. Sign in with Google instead: if you used Nightly with Fitbit, your history is kept.",
  },
  deleted: { tone: "info", text: "Your data is deleted: Nightly revoked its access with your provider and removed your account and everything synced." },
  deleted_locally: {
    tone: "warn",
    text: "Your data is deleted from Nightly, but the provider could not be reached to revoke its access. You can also remove Nightly in your Google or Fitbit account settings.",
  },
  access_revoked_data_kept: {
    tone: "warn",
    text: "An administrator revoked Nightly's access to your account and signed you out. Nightly no longer reads your data; what it had already synced is kept. Ask your study team if you think this is a mistake.",
  },
  access_revoked_data_deleted: {
    tone: "warn",
    text: "An administrator revoked Nightly's access to your account, signed you out and deleted the data Nightly had synced. Ask your study team if you think this is a mistake.",
  },
};

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const user = await currentUserPage();
  if (user) redirect(user.role === "PARTICIPANT" ? "/dashboard" : "/research");
  const staff = staffSignInOption();
  // A browser whose session an administrator ended is told why (lib/auth/ended-session.ts).
  const ended = await endedSessionReason();
  const key = ended ? ended : params.deleted === "local" ? "deleted_locally" : params.deleted ? "deleted" : params.signedout ? "signedout" : params.disconnected === "local" ? "disconnected_locally" : params.disconnected ? "disconnected" : params.signin ? "required" : params.legacy === "retired" ? "legacy_retired" : null;
  const message = key ? MESSAGES[key] : null;
  // Signing in from a deep link returns to it (the sign-in wall passes it as ?next=).
  const next = returnPathOf(params.next);
  const staffNext = /^\/(research|admin)(\/|\?|$)/.test(next) ? next : "/research";
  const configured = configuredProviderIds();
  // Once an admin marks the legacy API retired, nobody new should connect through it (issue 9 §1);
  // people who used it sign in with Google, which finds them by their Fitbit id.
  const legacyRetired = configured.includes(FITBIT_PROVIDER_ID) && (await legacyRetiredSetting()).retired;
  return (
    <div className="stack">
      {message ? (
        <p role="status" className={`notice notice-${message.tone}`}>
          {message.text}
        </p>
      ) : null}
      <section className="hero">
        <div>
          <h1>Your nights, in the detail they deserve.</h1>
          <p className="muted">
            Nightly reads your Fitbit sleep stages, heart rate variability, breathing rate and food logs, and turns
            them into charts you can read at a glance and share with your study team.
          </p>
          {configured.includes(GOOGLE_HEALTH_PROVIDER_ID) ? (
            <div className="stack">
              <div className="actions">
                <SignInButton label="Sign in with Google" provider={GOOGLE_HEALTH_PROVIDER_ID} providerName="Google" callbackUrl={next} />
              </div>
              <p className="muted">Fitbit accounts live in Google accounts now: sign in with the Google account that holds your Fitbit data.</p>
            </div>
          ) : null}
          {legacyRetired ? (
            <p className="muted" data-testid="legacy-retired-note">
              Signing in through the old Fitbit Web API is closed. If you used Nightly with Fitbit before, sign in with Google: your history is kept.
            </p>
          ) : configured.includes(FITBIT_PROVIDER_ID) ? (
            <div className="actions">
              <SignInButton
                label="Sign in with Fitbit (legacy)"
                callbackUrl={next}
                variant={configured.includes(GOOGLE_HEALTH_PROVIDER_ID) ? "secondary" : "primary"}
              />
            </div>
          ) : null}
          <p className="muted">You choose what Nightly may read on the consent page, and can disconnect at any time.</p>
          {staff ? (
            <div className="stack" data-testid="staff-sign-in">
              <p className="muted">Researchers and admins:</p>
              <ProviderSignIn providers={[staff]} callbackUrl={staffNext} />
            </div>
          ) : null}
        </div>
        <div className="card" aria-hidden="true">
          <svg viewBox="0 0 320 160" width="100%" role="presentation">
            {[
              [0, 40, 30, "--wake"],
              [30, 80, 50, "--light"],
              [80, 120, 90, "--deep"],
              [120, 160, 50, "--light"],
              [160, 190, 20, "--rem"],
              [190, 240, 50, "--light"],
              [240, 280, 20, "--rem"],
              [280, 320, 50, "--light"],
            ].map(([x1, x2, y, color]) => (
              <rect key={`${x1}`} x={Number(x1)} y={Number(y)} width={Number(x2) - Number(x1)} height={14} rx={3} fill={`var(${color})`} />
            ))}
          </svg>
        </div>
      </section>
    </div>
  );
}
