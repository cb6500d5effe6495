"use client";

import { useFormat } from "@/components/locale/locale-provider";
import { GroupedSeriesChart } from "@/components/charts/grouped-chart";
import { MealsFigure, NutritionChart, WaterChart } from "@/components/charts/nutrition-charts";
import type { DashboardContext } from "@/lib/api-schemas/dashboard";
import type { MealsResult, NutritionRangeResult } from "@/lib/api-schemas/nutrition";
import type { PackedRange } from "@/lib/range-transport";
import { DashboardHeader } from "./dashboard-header";
import { NightPicker } from "./night-picker";
import { AccessNotice, EmptyState, ErrorState, LoadingState } from "./states";
import { useDashboardUrl } from "./use-dashboard-url";
import { useDateQuery, useRangeQuery } from "./use-range-query";

export function NutritionView({ context, initial, initialMeals }: { context: DashboardContext; initial: PackedRange<NutritionRangeResult>; initialMeals: MealsResult | null }) {
  const f = useFormat();
  const url = useDashboardUrl(context.timezone);
  const query = useRangeQuery<NutritionRangeResult>("nutrition", "/api/me/nutrition", url.range, initial, { syncing: context.syncing || context.neverSynced });
  const data = query.data;
  const dates = !data ? [] : data.bucket === "day" ? data.days.filter((day) => day.caloriesIn !== null).map((day) => day.date) : data.datesWithData;
  const selected = url.param("day") ?? data?.latestDay ?? null;
  const meals = useDateQuery("meals", "/api/me/nutrition/meals", selected, initialMeals);
  const selectDay = (date: string) => url.update({ day: date });
  const busy = query.isPlaceholderData;

  return (
    <div className="stack">
      <DashboardHeader title="Nutrition" range={url.range} rangeError={url.rangeError} timezone={context.timezone} historyStart={context.historyStart} onRangeChange={url.setRange} />
      {context.access.nutrition.state !== "ok" ? (
        <AccessNotice metric="nutrition" access={context.access.nutrition} provider={context.provider} callbackUrl="/dashboard/nutrition" />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          {data.dayCount === 0 ? <EmptyState neverSynced={context.neverSynced} provider={context.provider} noun="logged days" /> : null}
          {data.bucket === "day" ? (
            <>
              <NutritionChart days={data.days} waterUnit={data.waterUnit} busy={busy} onSelectDay={selectDay} />
              <WaterChart days={data.days} waterUnit={data.waterUnit} busy={busy} />
            </>
          ) : (
            <>
              <GroupedSeriesChart title="Calories in" what="calories logged per day" unit="kcal" periods={data.series.caloriesIn} color="var(--calories)" digits={0} bucket={data.bucket} per="day" busy={busy} />
              <GroupedSeriesChart title="Water" what={`water logged per day (${data.waterUnit})`} unit={data.waterUnit} periods={data.series.water} color="var(--water)" digits={0} bucket={data.bucket} per="day" busy={busy} />
            </>
          )}
          <section className="stack" aria-labelledby="meals-heading">
            <div className="section-head">
              <h2 id="meals-heading">{selected ? f.date(selected) : "Day"}</h2>
              {dates.length > 0 || selected ? <NightPicker label="Day" dates={dates} value={selected} onChange={selectDay} /> : null}
            </div>
            {!selected ? null : meals.isError ? (
              <ErrorState message={meals.error.message} onRetry={() => void meals.refetch()} />
            ) : !meals.data ? (
              <LoadingState label="Loading meals…" />
            ) : (
              <MealsFigure meals={meals.data} busy={meals.isFetching} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
