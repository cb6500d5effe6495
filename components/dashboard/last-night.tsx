import Link from "next/link";
import { Hypnogram } from "@/components/charts/hypnogram";
import { StageShareBars } from "@/components/charts/stage-shares";
import type { Overview } from "@/lib/api-schemas/overview";
import { formatMinutes } from "@/lib/dates";
import { formatterFor } from "@/lib/locale/format";
import { BaselineCard } from "./baseline-card";

/** Last night against the 30-night baseline: the metrics, stage shares, naps apart, and the hypnogram. */
export function LastNight({ overview, sleepHref, locale }: { overview: Overview; sleepHref: string; locale: string }) {
  const f = formatterFor(locale);
  const main = overview.detail?.logs.find((log) => log.isMainSleep);
  return (
    <section className="stack" aria-labelledby="last-night-heading" data-testid="latest-night">
      <h2 id="last-night-heading">{overview.lastNight ? `Last night · ${f.date(overview.lastNight)}` : "Last night"}</h2>
      <p className="muted small">Compared with your own usual range: the middle half of the 30 nights before it.</p>
      <div className="baseline-grid">
        {overview.metrics.map((metric) => (
          <BaselineCard key={metric.key} metric={metric} lastNight={overview.lastNight} locale={locale} />
        ))}
      </div>
      {overview.shares ? (
        <div className="card stack">
          <h3>Sleep stages</h3>
          <StageShareBars
            title="Sleep stages, share of time in bed"
            rows={[
              { label: "Last night", shares: overview.shares.lastNight },
              ...(overview.shares.usual ? [{ label: "Your usual", shares: overview.shares.usual }] : []),
            ]}
          />
        </div>
      ) : overview.lastNightType === "classic" ? (
        <p className="muted">Last night is a classic log — no sleep stages.</p>
      ) : null}
      {overview.napCount > 0 ? (
        <p className="notice notice-info">
          Naps that day: {overview.napCount}, {formatMinutes(overview.napMinutes)} asleep (not counted in the night).
        </p>
      ) : null}
      {main ? <Hypnogram log={main} title={`Hypnogram · night ending ${f.date(main.endLocal.slice(0, 10))}`} /> : null}
      {overview.lastNight ? (
        <p>
          <Link href={sleepHref}>All of this night on the Sleep page</Link>
        </p>
      ) : null}
    </section>
  );
}
