"use client";

import { COLORS } from "@/components/charts/colors";
import type { Metric } from "@/lib/api-schemas/dashboard";
import type { CohortCharts } from "@/lib/research/cohort-charts-types";
import { CohortBandChart, type BandSeries } from "./cohort-band-chart";
import { CohortScatterChart } from "./cohort-scatter-chart";

const SLEEP: BandSeries[] = [
  { title: "Total sleep", description: "Minutes asleep in each participant's main sleep, per night (dated by the wake-up day).", unit: "min", color: COLORS.brand, band: (n) => n.totalSleep, count: (n) => n.sleepN },
  { title: "Deep sleep", description: "Minutes of deep sleep (stage-scored nights).", unit: "min", color: COLORS.deep, band: (n) => n.deep, count: (n) => n.sleepN },
  { title: "Light sleep", description: "Minutes of light sleep (stage-scored nights).", unit: "min", color: COLORS.light, band: (n) => n.light, count: (n) => n.sleepN },
  { title: "REM sleep", description: "Minutes of REM sleep (stage-scored nights).", unit: "min", color: COLORS.rem, band: (n) => n.rem, count: (n) => n.sleepN },
  { title: "Awake", description: "Minutes awake within the main sleep (stage-scored nights).", unit: "min", color: COLORS.wake, band: (n) => n.wake, count: (n) => n.sleepN },
];
const HRV: BandSeries = { title: "Heart rate variability", description: "Nightly RMSSD during the main sleep.", unit: "ms", digits: 1, color: COLORS.accent, band: (n) => n.hrv, count: (n) => n.hrvN };
const BREATHING: BandSeries = { title: "Breathing rate", description: "Average breaths per minute over the main sleep.", unit: "brpm", digits: 1, color: COLORS.rem, band: (n) => n.breathing, count: (n) => n.breathingN };

/** The study's cohort charts, only for the metrics it collects. */
export function CohortChartsView({ charts, metrics }: { charts: CohortCharts; metrics: readonly Metric[] }) {
  const series = [...(metrics.includes("sleep") ? SLEEP : []), ...(metrics.includes("hrv") ? [HRV] : []), ...(metrics.includes("breathing") ? [BREATHING] : [])];
  return (
    <div className="stack">
      {series.length > 0 ? (
        <div className="cohort-grid">
          {series.map((entry) => (
            <CohortBandChart key={entry.title} nights={charts.nights} series={entry} />
          ))}
        </div>
      ) : null}
      {charts.scatter ? (
        charts.scatter.total > 0 ? (
          <CohortScatterChart scatter={charts.scatter} />
        ) : (
          <p className="muted card" data-testid="scatter-empty">
            Evening calories and deep sleep: no participant-night in this range has both a logged dinner or evening snack and a stage-scored night after it yet.
          </p>
        )
      ) : null}
    </div>
  );
}
