"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { bucketFor } from "@/components/charts/aggregate";
import { BreathingByStageChart, BreathingChart } from "@/components/charts/breathing-charts";
import { GroupedSeriesChart } from "@/components/charts/grouped-chart";
import type { BreathingResult } from "@/lib/api-schemas/breathing";
import type { DashboardContext } from "@/lib/api-schemas/dashboard";
import { DashboardHeader } from "./dashboard-header";
import { NightPicker } from "./night-picker";
import { AccessNotice, EmptyState, ErrorState, LoadingState } from "./states";
import { useDashboardUrl } from "./use-dashboard-url";
import { useRangeQuery } from "./use-range-query";

export function BreathingView({ context, initial }: { context: DashboardContext; initial: BreathingResult }) {
  const f = useFormat();
  const url = useDashboardUrl(context.timezone);
  const query = useRangeQuery("breathing", "/api/me/breathing", url.range, initial, { syncing: context.syncing || context.neverSynced });
  const data = query.data;
  const dates = data?.days.filter((day) => day.full !== null || day.deep !== null).map((day) => day.date) ?? [];
  const selected = url.param("night") ?? data?.latestNight ?? null;
  const selectedDay = data?.days.find((day) => day.date === selected);

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
          {bucketFor(data.from, data.to) === "day" ? (
            <BreathingChart days={data.days} busy={query.isPlaceholderData} onSelectNight={(date) => url.update({ night: date })} />
          ) : (
            <GroupedSeriesChart
              title="Breathing rate"
              what="breaths per minute during the main sleep"
              unit="brpm"
              points={data.days.map((day) => ({ date: day.date, value: day.full }))}
              color="var(--rem)"
              bucket={bucketFor(data.from, data.to) as "week" | "month"}
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
              ) : (
                <p className="muted">That night is outside the chosen range; pick a night from the list.</p>
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
