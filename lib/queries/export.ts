import "server-only";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import type { ExportRow } from "@/lib/api-schemas/export";
import type { DateRange } from "@/lib/api-schemas/range";
import { waterUnitFor, type UnitSystem } from "@/lib/units";
import { getBreathing } from "./breathing";
import { getHrv } from "./hrv";
import { getNutrition } from "./nutrition";
import { getSleepNights } from "./sleep-nights";

type Range = Pick<DateRange, "from" | "to">;

/** Long-format rows (date, metric, value, unit) for every value in the range; gaps are omitted. */
export async function getExportRows(subject: AuthorizedSubject, range: Range, unitSystem: UnitSystem): Promise<ExportRow[]> {
  // Only the metrics the subject covers; each query still clips the range to the subject's window.
  const has = (metric: AuthorizedSubject["metrics"][number]) => subject.metrics.includes(metric);
  const [sleep, hrv, breathing, nutrition] = await Promise.all([
    has("sleep") ? getSleepNights(subject, range) : { nights: [] },
    has("hrv") ? getHrv(subject, range) : { days: [] },
    has("breathing") ? getBreathing(subject, range) : { days: [] },
    has("nutrition") ? getNutrition(subject, range, unitSystem) : { days: [] },
  ]);
  const rows: ExportRow[] = [];
  const push = (date: string, metric: string, value: number | null, unit: string) => {
    if (value !== null && Number.isFinite(value)) rows.push({ date, metric, value, unit });
  };
  for (const night of sleep.nights) {
    push(night.date, "sleep_minutes_asleep", night.minutesAsleep, "min");
    push(night.date, "sleep_time_in_bed", night.timeInBed, "min");
    push(night.date, "sleep_efficiency", night.efficiency, "%");
    push(night.date, "sleep_deep_minutes", night.deep, "min");
    push(night.date, "sleep_light_minutes", night.light, "min");
    push(night.date, "sleep_rem_minutes", night.rem, "min");
    push(night.date, "sleep_wake_minutes", night.wake, "min");
    push(night.date, "sleep_classic_asleep_minutes", night.asleep, "min");
    push(night.date, "sleep_classic_restless_minutes", night.restless, "min");
    push(night.date, "sleep_classic_awake_minutes", night.awake, "min");
    push(night.date, "sleep_nap_minutes_asleep", night.napMinutesAsleep, "min");
    push(night.date, "sleep_total_minutes_asleep", night.totalMinutesAsleep, "min");
  }
  for (const day of hrv.days) {
    push(day.date, "hrv_daily_rmssd", day.dailyRmssd, "ms");
    push(day.date, "hrv_deep_rmssd", day.deepRmssd, "ms");
  }
  for (const day of breathing.days) {
    push(day.date, "breathing_rate_full", day.full, "brpm");
    push(day.date, "breathing_rate_deep", day.deep, "brpm");
    push(day.date, "breathing_rate_light", day.light, "brpm");
    push(day.date, "breathing_rate_rem", day.rem, "brpm");
  }
  const water = waterUnitFor(unitSystem);
  for (const day of nutrition.days) {
    push(day.date, "calories_in", day.caloriesIn, "kcal");
    push(day.date, "calorie_goal", day.calorieGoal, "kcal");
    push(day.date, "carbs", day.carbsG, "g");
    push(day.date, "fat", day.fatG, "g");
    push(day.date, "protein", day.proteinG, "g");
    push(day.date, "fiber", day.fiberG, "g");
    push(day.date, "sodium", day.sodiumMg, "mg");
    push(day.date, "water", day.water, water);
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}
