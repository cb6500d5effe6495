import { SignOutButton } from "@/components/sign-out-button";
import { DEMO_RATE_LIMIT_PER_HOUR, REAL_LIMITS_SENTENCE } from "@/lib/demo";

/** Demo mode only: who you are, how to switch, and why the sync is faster than in real life. */
export function DemoBanner({ name }: { name: string | null }) {
  return (
    <div className="demo-banner" role="region" aria-label="Demo mode" data-testid="demo-banner">
      <div className="inner actions">
        <span>
          <strong>Demo:</strong> you are {name ? <strong>{name}</strong> : "a demo person"}, made up by the Fitbit emulator. To switch,
          sign out and pick another person on the consent page.
        </span>
        <SignOutButton compact />
        <span className="muted">
          The emulator allows {DEMO_RATE_LIMIT_PER_HOUR.toLocaleString("en-GB")} requests an hour so your whole year arrives in
          about a minute ({REAL_LIMITS_SENTENCE}).
        </span>
      </div>
    </div>
  );
}
