"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { Hypnogram } from "@/components/charts/hypnogram";
import { GroupedSeriesChart, GroupedStageSharesChart } from "@/components/charts/grouped-chart";
import { SleepStagesChart, TimeAsleepChart } from "@/components/charts/sleep-charts";
import type { DashboardContext } from "@/lib/api-schemas/dashboard";
import type { SleepLogDetail, SleepNightDetail, SleepRangeResult } from "@/lib/api-schemas/sleep";
import { formatMinutes, localTimeToMs } from "@/lib/dates";
import type { PackedRange } from "@/lib/range-transport";
import { DashboardHeader } from "./dashboard-header";
import { NightPicker } from "./night-picker";
import { AccessNotice, EmptyState, ErrorState, LoadingState } from "./states";
import { useDashboardUrl } from "./use-dashboard-url";
import { useDateQuery, useRangeQuery } from "./use-range-query";

interface Props {
  context: DashboardContext;
  /** Packed by the page (lib/range-transport.ts): a year's answer, written into the HTML twice, is mostly repetition. */
  initial: PackedRange<SleepRangeResult>;
  initialNight: SleepNightDetail | null;
}

export function SleepView({ context, initial, initialNight }: Props) {
  const f = useFormat();
  const url = useDashboardUrl(context.timezone);
  const nights = useRangeQuery<SleepRangeResult>("sleep", "/api/me/sleep", url.range, initial, { syncing: context.syncing || context.neverSynced });
  const data = nights.data;
  const datesWithData = !data ? [] : data.bucket === "day" ? data.nights.filter((night) => night.type !== null).map((night) => night.date) : data.datesWithData;
  const selected = url.param("night") ?? data?.latestNight ?? null;
  const night = useDateQuery("sleep-night", "/api/me/sleep/night", selected, initialNight);
  const busy = nights.isPlaceholderData;
  const selectNight = (date: string) => url.update({ night: date });

  return (
    <div className="stack">
      <DashboardHeader title="Sleep" range={url.range} rangeError={url.rangeError} timezone={context.timezone} historyStart={context.historyStart} onRangeChange={url.setRange} />
      {context.access.sleep.state !== "ok" ? (
        <AccessNotice metric="sleep" access={context.access.sleep} provider={context.provider} callbackUrl="/dashboard/sleep" />
      ) : nights.isError ? (
        <ErrorState message={nights.error.message} onRetry={() => void nights.refetch()} />
      ) : !data ? (
        <LoadingState label="Loading your nights…" />
      ) : (
        <>
          {data.nightCount === 0 ? <EmptyState neverSynced={context.neverSynced} provider={context.provider} /> : null}
          {data.bucket === "day" ? (
            <>
              <SleepStagesChart nights={data.nights} busy={busy} onSelectNight={selectNight} />
              <TimeAsleepChart nights={data.nights} busy={busy} onSelectNight={selectNight} />
            </>
          ) : (
            <>
              <GroupedStageSharesChart stages={data.series} bucket={data.bucket} busy={busy} />
              <GroupedSeriesChart
                title="Time asleep"
                what="time asleep per night (main sleep)"
                unit="h"
                periods={data.series.asleep}
                scale={1 / 60}
                format={(hours) => formatMinutes(hours * 60)}
                bucket={data.bucket}
                busy={busy}
              />
              <GroupedSeriesChart
                title="Naps"
                what="nap minutes on days with naps"
                unit="min"
                periods={data.series.naps}
                color="var(--nap)"
                digits={0}
                bucket={data.bucket}
                busy={busy}
              />
            </>
          )}
          <section className="stack" aria-labelledby="night-heading">
            <div className="section-head">
              <h2 id="night-heading">{selected ? `Night ending ${f.date(selected)}` : "Night"}</h2>
              {datesWithData.length > 0 || selected ? (
                <NightPicker label="Night" dates={datesWithData} value={selected} onChange={selectNight} />
              ) : null}
            </div>
            {!selected ? (
              <p className="muted">Choose a night to see its hypnogram.</p>
            ) : night.isError ? (
              <ErrorState message={night.error.message} onRetry={() => void night.refetch()} />
            ) : !night.data ? (
              <LoadingState label="Loading the night…" />
            ) : night.data.logs.length === 0 ? (
              <p className="notice notice-info">No sleep was recorded for the night ending {f.date(selected)}.</p>
            ) : (
              <NightDetail detail={night.data} busy={night.isFetching} />
            )}
          </section>
        </>
      )}
    </div>
  );
}

function NightDetail({ detail, busy }: { detail: SleepNightDetail; busy: boolean }) {
  const f = useFormat();
  const clock = (local: string) => f.clock(localTimeToMs(local));
  const main = detail.logs.find((log) => log.isMainSleep) ?? detail.logs[0];
  const naps = detail.logs.filter((log) => log !== main);
  return (
    <div className="stack">
      {main ? (
        <>
          <LogFacts log={main} />
          <Hypnogram log={main} busy={busy} />
        </>
      ) : null}
      {naps.length > 0 ? (
        <section className="stack" aria-labelledby="naps-heading">
          <h3 id="naps-heading">Naps ({naps.length})</h3>
          {naps.map((nap) => (
            <div key={nap.id} className="stack">
              <LogFacts log={nap} />
              <Hypnogram log={nap} title={`Nap ${clock(nap.startLocal)}–${clock(nap.endLocal)}`} />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}

function LogFacts({ log }: { log: SleepLogDetail }) {
  const f = useFormat();
  const clock = (local: string) => f.clock(localTimeToMs(local));
  return (
    <dl className="facts facts-inline" data-testid={log.isMainSleep ? "main-sleep-facts" : "nap-facts"}>
      <dt>{log.isMainSleep ? "Main sleep" : "Nap"}</dt>
      <dd>
        {clock(log.startLocal)} – {clock(log.endLocal)}
      </dd>
      <dt>Time asleep</dt>
      <dd>{formatMinutes(log.minutesAsleep)}</dd>
      <dt>Time in bed</dt>
      <dd>{formatMinutes(log.timeInBed)}</dd>
      <dt>Efficiency</dt>
      <dd>{log.efficiency}%</dd>
      {log.type === "stages" ? (
        <>
          <dt>Deep / light / REM / awake</dt>
          <dd>
            {log.deep ?? 0} / {log.light ?? 0} / {log.rem ?? 0} / {log.wake ?? 0} min
          </dd>
        </>
      ) : (
        <>
          <dt>Asleep / restless / awake</dt>
          <dd>
            {log.asleep ?? 0} / {log.restless ?? 0} / {log.awake ?? 0} min (classic log — no stages)
          </dd>
        </>
      )}
    </dl>
  );
}
