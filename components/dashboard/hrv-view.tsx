"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { GroupedSeriesChart } from "@/components/charts/grouped-chart";
import { HrvChart, NightHrvChart } from "@/components/charts/hrv-charts";
import type { DashboardContext } from "@/lib/api-schemas/dashboard";
import type { HrvNightResult, HrvRangeResult } from "@/lib/api-schemas/hrv";
import type { PackedRange } from "@/lib/range-transport";
import { DashboardHeader } from "./dashboard-header";
import { NightPicker } from "./night-picker";
import { AccessNotice, EmptyState, ErrorState, LoadingState } from "./states";
import { useDashboardUrl } from "./use-dashboard-url";
import { useHrvNightFetch } from "./use-night-fetch";
import { useDateQuery, useRangeQuery } from "./use-range-query";

export function HrvView({ context, initial, initialNight }: { context: DashboardContext; initial: PackedRange<HrvRangeResult>; initialNight: HrvNightResult | null }) {
  const f = useFormat();
  const url = useDashboardUrl(context.timezone);
  const query = useRangeQuery<HrvRangeResult>("hrv", "/api/me/hrv", url.range, initial, { syncing: context.syncing || context.neverSynced });
  const data = query.data;
  const dates = !data ? [] : data.bucket === "day" ? data.days.filter((day) => day.dailyRmssd !== null).map((day) => day.date) : data.datesWithData;
  const selected = url.param("night") ?? data?.latestNight ?? null;
  const night = useDateQuery("hrv-night", "/api/me/hrv/night", selected, initialNight);
  const nightFetch = useHrvNightFetch(night.data);
  const selectNight = (date: string) => url.update({ night: date });

  return (
    <div className="stack">
      <DashboardHeader title="Heart rate variability" range={url.range} rangeError={url.rangeError} timezone={context.timezone} historyStart={context.historyStart} onRangeChange={url.setRange} />
      {context.access.hrv.state !== "ok" ? (
        <AccessNotice metric="hrv" access={context.access.hrv} provider={context.provider} callbackUrl="/dashboard/hrv" />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          {data.dayCount === 0 ? <EmptyState neverSynced={context.neverSynced} provider={context.provider} /> : null}
          {data.bucket === "day" ? (
            <HrvChart days={data.days} busy={query.isPlaceholderData} onSelectNight={selectNight} />
          ) : (
            <GroupedSeriesChart
              title="Heart rate variability"
              what="nightly RMSSD"
              unit="ms"
              periods={data.series.dailyRmssd}
              bucket={data.bucket}
              busy={query.isPlaceholderData}
            />
          )}
          <section className="stack" aria-labelledby="hrv-night-heading">
            <div className="section-head">
              <h2 id="hrv-night-heading">{selected ? `Night ending ${f.date(selected)}` : "Night"}</h2>
              {dates.length > 0 || selected ? <NightPicker label="Night" dates={dates} value={selected} onChange={selectNight} /> : null}
            </div>
            {!selected ? null : night.isError ? (
              <ErrorState message={night.error.message} onRetry={() => void night.refetch()} />
            ) : !night.data ? (
              <LoadingState label="Loading the night…" />
            ) : night.data.fetchable && !nightFetch.isError && !nightFetch.isSuccess ? (
              <LoadingState label="Fetching this night's 5-minute readings from Fitbit…" />
            ) : night.data.fetchable && nightFetch.isError ? (
              <ErrorState message={nightFetch.error.message} onRetry={() => nightFetch.mutate(night.data.date)} />
            ) : night.data.readings.length === 0 ? (
              <p className="notice notice-info">
                {context.notes.hrvIntraday ??
                  `No 5-minute HRV readings for this night. ${context.provider.name} only provides them for a main sleep of at least 3 hours with sleep stages.`}
              </p>
            ) : (
              <NightHrvChart date={night.data.date} readings={night.data.readings} busy={night.isFetching} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
