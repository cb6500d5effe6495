import type { OverviewMetric } from "@/lib/api-schemas/overview";
import { formatMinutes } from "@/lib/dates";
import { formatterFor, type Formatter } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";
import { directionOf } from "@/lib/stats";

/** A value in its unit, for people: "7h 12m", "44.3 ms", "14.4 brpm". */
export function formatMetricValue(value: number, unit: OverviewMetric["unit"], f: Formatter = formatterFor(DEFAULT_LOCALE)): string {
  if (unit === "min") return formatMinutes(value);
  if (unit === "%") return `${f.upTo(value, 0)} %`;
  return `${f.upTo(value, 1)} ${unit}`;
}

function formatDelta(delta: number, unit: OverviewMetric["unit"], f: Formatter): string {
  const size = Math.abs(delta);
  if (unit === "min") return formatMinutes(Math.round(size));
  if (unit === "%") return `${f.upTo(size, 0)} points`;
  return `${f.upTo(size, 1)} ${unit}`;
}

const ARROWS = { above: "↑", within: "→", below: "↓" } as const;

/** "↓ 23 min less than your usual 7h 22m" — the change in words, with the arrow as a visual cue only. */
export function changeSentence(metric: OverviewMetric, f: Formatter = formatterFor(DEFAULT_LOCALE)): { arrow: string; text: string; direction: keyof typeof ARROWS } | null {
  if (!metric.baseline) return null;
  const direction = directionOf(metric.value, metric.baseline);
  const usual = formatMetricValue(metric.baseline.median, metric.unit, f);
  const delta = metric.value - metric.baseline.median;
  const text =
    direction === "within"
      ? `Within your usual range (median ${usual})`
      : `${formatDelta(delta, metric.unit, f)} ${delta > 0 ? "above" : "below"} your usual ${usual}`;
  return { arrow: ARROWS[direction], text, direction };
}

/** One metric of last night against its 30-night baseline: value with its date, the band, the change in words. */
export function BaselineCard({ metric, lastNight, locale }: { metric: OverviewMetric; lastNight: string | null; locale: string }) {
  const f = formatterFor(locale);
  const change = changeSentence(metric, f);
  const stale = lastNight !== null && metric.date !== lastNight;
  return (
    <section className="card baseline-card stack" aria-labelledby={`metric-${metric.key}`} data-testid={`baseline-${metric.key}`}>
      <h3 id={`metric-${metric.key}`} className="stat-label">
        {metric.label}
      </h3>
      <p className="stat">{formatMetricValue(metric.value, metric.unit, f)}</p>
      <p className="stat-date">
        <time dateTime={metric.date}>{f.date(metric.date)}</time>
        {stale ? " · latest value; last night has none" : ""}
      </p>
      {metric.baseline ? <BaselineBand metric={metric} f={f} /> : null}
      {change ? (
        <p className={`change change-${change.direction}`}>
          <span aria-hidden="true">{change.arrow} </span>
          {change.text}
        </p>
      ) : (
        <p className="muted small">A baseline needs 7 nights in the 30 before this one.</p>
      )}
    </section>
  );
}

/** The usual range (25th–75th percentile) as a band, the median as a tick and the value as a dot. */
function BaselineBand({ metric, f }: { metric: OverviewMetric; f: Formatter }) {
  const baseline = metric.baseline!;
  const low = Math.min(baseline.p25, metric.value);
  const high = Math.max(baseline.p75, metric.value);
  const pad = (high - low) * 0.25 || Math.abs(high) * 0.1 || 1;
  const min = low - pad;
  const max = high + pad;
  const x = (value: number) => ((value - min) / (max - min)) * 100;
  const label = `${metric.label} ${formatMetricValue(metric.value, metric.unit, f)}; usual range ${formatMetricValue(baseline.p25, metric.unit, f)} to ${formatMetricValue(baseline.p75, metric.unit, f)} over ${baseline.count} nights`;
  return (
    <div className="baseline-band" role="img" aria-label={label}>
      <span className="baseline-iqr" style={{ left: `${x(baseline.p25)}%`, width: `${Math.max(1, x(baseline.p75) - x(baseline.p25))}%` }} />
      <span className="baseline-median" style={{ left: `${x(baseline.median)}%` }} />
      <span className="baseline-value" style={{ left: `${x(metric.value)}%` }} />
    </div>
  );
}
