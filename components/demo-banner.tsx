import { SignOutButton } from "@/components/sign-out-button";
import { DEMO_RATE_LIMIT_PER_HOUR, REAL_LIMITS_SENTENCE } from "@/lib/demo";

/**
 * Demo mode only: who you are, how to switch, and why the sync is faster than in real life.
 * `provider` is the person's provider as HealthProvider.copy names it (null: none connected).
 */
export function DemoBanner({ name, provider }: { name: string | null; provider: { name: string; quotaWindow: string } | null }) {
  // The demo raises only the hourly (Fitbit) limit; Google's per-minute limit is already generous.
  const raised = !provider || provider.quotaWindow === "hourly";
  return (
    <div className="demo-banner" role="region" aria-label="Demo mode" data-testid="demo-banner">
      <div className="inner actions">
        <span>
          <strong>Demo:</strong> you are {name ? <strong>{name}</strong> : "a demo person"}, made up by the emulator that stands in for{" "}
          {provider?.name ?? "Google and Fitbit"}. To switch, sign out and pick another person on the consent page.
        </span>
        <SignOutButton compact />
        <span className="muted">
          {raised
            ? `The emulator allows ${DEMO_RATE_LIMIT_PER_HOUR.toLocaleString("en-GB")} requests an hour so your whole year arrives in about a minute (${REAL_LIMITS_SENTENCE}).`
            : `The emulator keeps ${provider.name}'s real ${provider.quotaWindow} limit; your whole year still arrives in about a minute (${REAL_LIMITS_SENTENCE}).`}
        </span>
      </div>
    </div>
  );
}
