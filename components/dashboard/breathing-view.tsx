"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { BreathingByStageChart, BreathingChart } from "@/components/charts/breathing-charts";
import { GroupedSeriesChart } from "@/components/charts/grouped-chart";
import type { BreathingNightResult, BreathingRangeResult } from "@/lib/api-schemas/breathing";
import type { DashboardContext } from "@/lib/api-schemas/dashboard";
import type { PackedRange } from "@/lib/range-transport";
import { DashboardHeader } from "./dashboard-header";
import { NightPicker } from "./night-picker";
import { AccessNotice, EmptyState, ErrorState, LoadingState } from "./states";
import { useDashboardUrl } from "./use-dashboard-url";
import { useDateQuery, useRangeQuery } from "./use-range-query";

interface Props {
  context: DashboardContext;
  /** Packed by the page (lib/range-transport.ts): a year's answer, written into the HTML twice, is mostly repetition. */
  initial: PackedRange<BreathingRangeResult>;
  /** The chosen night's rates when the range is grouped (a nightly range carries every night itself). */
  initialNight: BreathingNightResult | null;
}

export function BreathingView({ context, initial, initialNight }: Props) {
  const f = useFormat();
  const url = useDashboardUrl(context.timezone);
  const query = useRangeQuery<BreathingRangeResult>("breathing", "/api/me/breathing", url.range, initial, { syncing: context.syncing || context.neverSynced });
  const data = query.data;
  const nightly = data?.bucket === "day" ? data : null;
  const dates = !data ? [] : data.bucket === "day" ? data.days.filter((day) => day.full !== null || day.deep !== null).map((day) => day.date) : data.datesWithData;
  const selected = url.param("night") ?? data?.latestNight ?? null;
  // A grouped range carries no nights: the chosen one is fetched on its own.
  const night = useDateQuery("breathing-night", "/api/me/breathing/night", data && !nightly ? selected : null, initialNight);
  const selectedDay = nightly ? nightly.days.find((day) => day.date === selected) : night.data?.night;

  return (
    <div className="stack">
      <DashboardHeader title="Breathing rate" range={url.range} rangeError={url.rangeError} timezone={context.timezone} historyStart={context.historyStart} onRangeChange={url.setRange} />
      {context.access.breathing.state !== "ok" ? (
        <AccessNotice metric="breathing" access={context.access.breathing} provider={context.provider} callbackUrl="/dashboard/breathing" />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          {data.dayCount === 0 ? <EmptyState neverSynced={context.neverSynced} provider={context.provider} /> : null}
          {data.bucket === "day" ? (
            <BreathingChart days={data.days} busy={query.isPlaceholderData} onSelectNight={(date) => url.update({ night: date })} />
          ) : (
            <GroupedSeriesChart
              title="Breathing rate"
              what="breaths per minute during the main sleep"
              unit="brpm"
              periods={data.series.full}
              color="var(--rem)"
              bucket={data.bucket}
              busy={query.isPlaceholderData}
            />
          )}
          {dates.length > 0 ? (
            <section className="stack" aria-labelledby="br-night-heading">
              <div className="section-head">
                <h2 id="br-night-heading">{selected ? `Night ending ${f.date(selected)}` : "Night"}</h2>
                <NightPicker label="Night" dates={dates} value={selected} onChange={(date) => url.update({ night: date })} />
              </div>
              {context.notes.brStages ? <p className="notice notice-info">{context.notes.brStages}</p> : null}
              {selectedDay ? (
                <BreathingByStageChart day={selectedDay} />
              ) : nightly ? (
                <p className="muted">That night is outside the chosen range; pick a night from the list.</p>
              ) : night.isError ? (
                <ErrorState message={night.error.message} onRetry={() => void night.refetch()} />
              ) : !night.data ? (
                <LoadingState label="Loading the night…" />
              ) : (
                <p className="muted">No breathing rate was recorded for that night; pick a night from the list.</p>
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
