import type { Metadata } from "next";
import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { DownloadButtons } from "@/components/dashboard/download-buttons";
import { OverviewRange } from "@/components/dashboard/overview-range";
import { AccessNotice, EmptyState } from "@/components/dashboard/states";
import { SyncStatusPanel } from "@/components/dashboard/sync-status-panel";
import { rangeFromSearchParams, rangeToParams } from "@/lib/api-schemas/range";
import { METRICS } from "@/lib/api-schemas/dashboard";
import { requireSelfPage } from "@/lib/authz/page";
import { formatDayLabel, formatMinutes } from "@/lib/dates";
import { getBreathing } from "@/lib/queries/breathing";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getHrv } from "@/lib/queries/hrv";
import { getNutrition } from "@/lib/queries/nutrition";
import { getSleepNights } from "@/lib/queries/sleep-nights";
import { getSyncPanelData } from "@/lib/queries/sync-panel";
import type { SearchParams } from "./search-params";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const { range } = rangeFromSearchParams(params, context.timezone);
  const [sleep, hrv, breathing, nutrition, sync] = await Promise.all([
    getSleepNights(subject, range),
    getHrv(subject, range),
    getBreathing(subject, range),
    getNutrition(subject, range, context.unitSystem),
    getSyncPanelData(user.id),
  ]);
  const query = new URLSearchParams(rangeToParams(range)).toString();
  const latest = sleep.nights.find((night) => night.date === sleep.latestNight);
  const latestHrv = hrv.days.find((day) => day.date === sleep.latestNight);
  const latestBr = breathing.days.find((day) => day.date === sleep.latestNight);
  const empty = sleep.nightCount + hrv.dayCount + breathing.dayCount + nutrition.dayCount === 0;

  return (
    <div className="stack">
      <h1>Your dashboard</h1>
      <OverviewRange range={range} timezone={context.timezone} />
      <div className="actions range-summary">
        <p className="muted" data-testid="range-label">
          {formatDayLabel(range.from, true)} – {formatDayLabel(range.to, true)}
        </p>
        <DownloadButtons range={range} />
      </div>
      <div className="overview-top">
        <section className="card stack" aria-labelledby="latest-heading" data-testid="latest-night">
          <h2 id="latest-heading">Latest night</h2>
          {latest ? (
            <>
              <p className="muted">
                Night ending {formatDayLabel(latest.date, true)}
                {latest.type === "classic" ? " · classic log — no stages" : ""}
              </p>
              <div className="stat-grid">
                <Stat label="Time asleep" value={formatMinutes(latest.minutesAsleep)} />
                <Stat label="Efficiency" value={latest.efficiency === null ? "—" : `${latest.efficiency}%`} />
                {latest.type === "stages" ? <Stat label="Deep / REM" value={`${latest.deep ?? 0} / ${latest.rem ?? 0} min`} /> : null}
                {latest.napCount > 0 ? <Stat label={`Naps (${latest.napCount})`} value={formatMinutes(latest.napMinutesAsleep)} /> : null}
                <Stat label="HRV (RMSSD)" value={latestHrv?.dailyRmssd ? `${latestHrv.dailyRmssd} ms` : "—"} />
                <Stat label="Breathing rate" value={latestBr?.full ? `${latestBr.full} brpm` : "—"} />
              </div>
              <p>
                <Link href={`/dashboard/sleep?${query}&night=${latest.date}`}>See this night&apos;s hypnogram</Link>
              </p>
            </>
          ) : (
            <EmptyState neverSynced={context.neverSynced} />
          )}
        </section>
        <SyncStatusPanel initial={sync} timezone={context.timezone} />
      </div>
      {METRICS.map((metric) => (
        <AccessNotice key={metric} metric={metric} access={context.access[metric]} callbackUrl="/dashboard" />
      ))}
      {empty && latest ? <EmptyState neverSynced={context.neverSynced} /> : null}
      <div className="small-multiples">
        {context.access.sleep.state === "ok" ? (
          <Sparkline
            title="Sleep overview"
            points={sleep.nights.map((night) => ({ date: night.date, value: night.minutesAsleep === null ? null : Math.round((night.minutesAsleep / 60) * 10) / 10 }))}
            unit="h asleep"
            kind="bar"
            color="var(--light)"
            digits={1}
            href={`/dashboard/sleep?${query}`}
            linkLabel="Sleep details"
          />
        ) : null}
        {context.access.hrv.state === "ok" ? (
          <Sparkline title="HRV overview" points={hrv.days.map((day) => ({ date: day.date, value: day.dailyRmssd }))} unit="ms" kind="line" color="var(--brand)" digits={1} href={`/dashboard/hrv?${query}`} linkLabel="HRV details" />
        ) : null}
        {context.access.breathing.state === "ok" ? (
          <Sparkline title="Breathing overview" points={breathing.days.map((day) => ({ date: day.date, value: day.full }))} unit="brpm" kind="line" color="var(--rem)" digits={1} href={`/dashboard/breathing?${query}`} linkLabel="Breathing details" />
        ) : null}
        {context.access.nutrition.state === "ok" ? (
          <Sparkline title="Calories overview" points={nutrition.days.map((day) => ({ date: day.date, value: day.caloriesIn }))} unit="kcal" kind="bar" color="var(--calories)" href={`/dashboard/nutrition?${query}`} linkLabel="Nutrition details" />
        ) : null}
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <div className="stat-label">{label}</div>
      <div className="stat">{value}</div>
    </div>
  );
}
