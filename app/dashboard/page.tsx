import type { Metadata } from "next";
import { GroupedSparkline } from "@/components/charts/grouped-sparkline";
import { Sparkline } from "@/components/charts/sparkline";
import { DownloadButtons } from "@/components/dashboard/download-buttons";
import { OverviewRange } from "@/components/dashboard/overview-range";
import { LastNight } from "@/components/dashboard/last-night";
import { ConnectionNotices } from "@/components/dashboard/connection-notices";
import { MissingPermissionsNotice } from "@/components/dashboard/missing-permissions";
import { EmptyState } from "@/components/dashboard/states";
import { SyncStatusPanel } from "@/components/dashboard/sync-status-panel";
import { rangeFromSearchParams, rangeToParams } from "@/lib/api-schemas/range";
import { requireSelfPage } from "@/lib/authz/page";
import { moveStateOf } from "@/lib/connections/move";
import { isKnownProvider, providerById } from "@/lib/providers/registry";
import { currentMinute, forSelf, forSubject } from "@/lib/cache/person-cache";
import { localToday } from "@/lib/dates";
import { formatterFor } from "@/lib/locale/format";
import { requestLocale } from "@/lib/locale/request";
import { cachedBreathingRange, cachedHrvRange, cachedNutritionRange, cachedSleepRange } from "@/lib/queries/cached-ranges";
import { getDashboardContext } from "@/lib/queries/dashboard-context";
import { getOverview } from "@/lib/queries/overview";
import { getSyncPanelData } from "@/lib/queries/sync-panel";
import type { SearchParams } from "./search-params";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, subject } = await requireSelfPage();
  const params = await searchParams;
  const context = await getDashboardContext(subject);
  const locale = await requestLocale();
  const { range } = rangeFromSearchParams(params, context.timezone);
  const ok = (metric: keyof typeof context.access) => context.access[metric].state === "ok";
  // Each reused while the person's data is unchanged (decision 0020); the keys carry what else a
  // result depends on: the range, the person's local today, the minute for the panel's clock.
  const today = localToday(context.timezone);
  const [sleep, hrv, breathing, nutrition, sync, overview, move] = await Promise.all([
    // Long ranges come grouped by week or month, as on the metric pages (a year: 53 bars, not 365).
    ok("sleep") ? cachedSleepRange(subject, range) : null,
    ok("hrv") ? cachedHrvRange(subject, range) : null,
    ok("breathing") ? cachedBreathingRange(subject, range) : null,
    ok("nutrition") ? cachedNutritionRange(subject, range, context.unitSystem) : null,
    forSelf(user.id, "syncPanel", currentMinute(), () => getSyncPanelData(user.id)),
    forSubject(subject, "overview", [context.timezone, context.access, today], () => getOverview(subject, context.timezone, context.access)),
    forSelf(user.id, "moveState", null, () => moveStateOf(user.id)),
  ]);
  const word = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const refusedProvider = word("provider");
  const query = new URLSearchParams(rangeToParams(range)).toString();
  const empty = (sleep?.nightCount ?? 0) + (hrv?.dayCount ?? 0) + (breathing?.dayCount ?? 0) + (nutrition?.dayCount ?? 0) === 0;

  return (
    <div className="stack">
      <h1>Your dashboard</h1>
      <ConnectionNotices
        move={move}
        outcome={{ move: word("move"), moved: word("moved"), signin: word("signin") }}
        providerName={refusedProvider && isKnownProvider(refusedProvider) ? providerById(refusedProvider).copy.name : null}
      />
      <MissingPermissionsNotice access={context.access} provider={context.provider} callbackUrl="/dashboard" />
      <div className="overview-top">
        {overview.lastNight ? (
          <LastNight overview={overview} locale={locale} sleepHref={`/dashboard/sleep?${query}&night=${overview.lastNight}`} />
        ) : (
          <section className="stack" data-testid="latest-night">
            <h2>Last night</h2>
            <EmptyState neverSynced={context.neverSynced} provider={context.provider} />
          </section>
        )}
        <SyncStatusPanel initial={sync} timezone={context.timezone} />
      </div>
      <section className="stack" aria-labelledby="range-heading">
        <h2 id="range-heading">Over time</h2>
        <OverviewRange range={range} timezone={context.timezone} historyStart={context.historyStart} />
        <div className="actions range-summary">
          <p className="muted" data-testid="range-label">
            {formatterFor(locale).range(range.from, range.to)}
          </p>
          <DownloadButtons range={range} />
        </div>
        {empty && overview.lastNight ? <EmptyState neverSynced={context.neverSynced} provider={context.provider} /> : null}
      <div className="small-multiples">
        {!sleep ? null : sleep.bucket !== "day" ? (
          <GroupedSparkline title="Sleep overview" periods={sleep.series.asleep} bucket={sleep.bucket} scale={1 / 60} unit="h asleep" kind="bar" color="var(--light)" digits={1} href={`/dashboard/sleep?${query}`} linkLabel="Sleep details" />
        ) : (
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
        )}
        {!hrv ? null : hrv.bucket !== "day" ? (
          <GroupedSparkline title="HRV overview" periods={hrv.series.dailyRmssd} bucket={hrv.bucket} unit="ms" kind="line" color="var(--brand)" digits={1} href={`/dashboard/hrv?${query}`} linkLabel="HRV details" />
        ) : (
          <Sparkline title="HRV overview" points={hrv.days.map((day) => ({ date: day.date, value: day.dailyRmssd }))} unit="ms" kind="line" color="var(--brand)" digits={1} href={`/dashboard/hrv?${query}`} linkLabel="HRV details" />
        )}
        {!breathing ? null : breathing.bucket !== "day" ? (
          <GroupedSparkline title="Breathing overview" periods={breathing.series.full} bucket={breathing.bucket} unit="brpm" kind="line" color="var(--rem)" digits={1} href={`/dashboard/breathing?${query}`} linkLabel="Breathing details" />
        ) : (
          <Sparkline title="Breathing overview" points={breathing.days.map((day) => ({ date: day.date, value: day.full }))} unit="brpm" kind="line" color="var(--rem)" digits={1} href={`/dashboard/breathing?${query}`} linkLabel="Breathing details" />
        )}
        {!nutrition ? null : nutrition.bucket !== "day" ? (
          <GroupedSparkline title="Calories overview" periods={nutrition.series.caloriesIn} bucket={nutrition.bucket} unit="kcal" kind="bar" color="var(--calories)" href={`/dashboard/nutrition?${query}`} linkLabel="Nutrition details" />
        ) : (
          <Sparkline title="Calories overview" points={nutrition.days.map((day) => ({ date: day.date, value: day.caloriesIn }))} unit="kcal" kind="bar" color="var(--calories)" href={`/dashboard/nutrition?${query}`} linkLabel="Nutrition details" />
        )}
      </div>
      </section>
    </div>
  );
}
