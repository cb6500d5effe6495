import "server-only";
import type { NutritionGroupedResult, NutritionRangeResult } from "@/lib/api-schemas/nutrition";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { fromDbDate } from "@/lib/dates";
import { bucketFor, groupStats } from "@/lib/range-buckets";
import { convertWater, waterUnitFor, type UnitSystem } from "@/lib/units";
import { getNutrition, isEmptyDay, loadDays } from "./nutrition";

/**
 * The Nutrition page's range: day by day up to 62 days (getNutrition, unchanged); longer ranges as
 * weekly or monthly median and IQR of calories in and water over the logged days.
 */
export async function getNutritionRange(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">, unitSystem: UnitSystem): Promise<NutritionRangeResult> {
  const range = scopeRead(subject, "nutrition", requested);
  const bucket = bucketFor(range.from, range.to);
  if (bucket === "day") return { bucket, ...(await getNutrition(subject, requested, unitSystem)) };

  const rows = (await loadDays(range.userId, range.from, range.to)).filter((row) => !isEmptyDay(row));
  // Every day left after dropping empty ones has its calories (a logged day), as on the daily page.
  const datesWithData = rows.map((row) => fromDbDate(row.date));
  const group = (value: (row: (typeof rows)[number]) => number | null) =>
    groupStats(rows.map((row) => [fromDbDate(row.date), value(row)] as const), range.from, range.to, bucket);
  const result: NutritionGroupedResult = {
    bucket,
    from: range.from,
    to: range.to,
    unitSystem,
    waterUnit: waterUnitFor(unitSystem),
    datesWithData,
    dayCount: datesWithData.length,
    latestDay: datesWithData.at(-1) ?? null,
    series: { caloriesIn: group((row) => row.caloriesIn), water: group((row) => convertWater(row.waterMl, unitSystem)) },
  };
  return result;
}
