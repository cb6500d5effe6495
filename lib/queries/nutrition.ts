import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import type { NutritionResult, NutritionRow } from "@/lib/api-schemas/nutrition";
import type { DateRange } from "@/lib/api-schemas/range";
import { fromDbDate, gapFill, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import type { NutritionDaily } from "@/lib/generated/prisma/client";
import { onePerKey } from "@/lib/providers/precedence";
import { convertWater, round, waterUnitFor, type UnitSystem } from "@/lib/units";

type Daily = NutritionDaily;

export async function loadDays(userId: string, from: string, to: string): Promise<NutritionDaily[]> {
  const rows = await db.nutritionDaily.findMany({
    where: { userId, date: { gte: toDbDate(from), lte: toDbDate(to) } },
    orderBy: { date: "asc" },
  });
  return onePerDay(rows);
}

type DayRow = Pick<Daily, "provider" | "date" | "caloriesIn" | "waterMl" | "foodLogFetched">;

/**
 * One provider per day (lib/providers/precedence.ts); a provider's empty series day does not hide
 * another provider's log of that day. Rows in date order.
 */
export function onePerDay<T extends DayRow>(rows: readonly T[]): T[] {
  const byDay = new Map<string, T[]>();
  for (const row of rows) {
    const date = fromDbDate(row.date);
    const day = byDay.get(date);
    if (day) day.push(row);
    else byDay.set(date, [row]);
  }
  return [...byDay.values()].flatMap((day) => {
    const logged = day.filter((row) => !isEmptyDay(row));
    return onePerKey(logged.length > 0 ? logged : day, (row) => fromDbDate(row.date));
  });
}

/**
 * Fitbit's time series reports 0 for days nobody logged anything; such a day (no calories, no
 * water, no food log) counts as missing so charts leave a gap instead of drawing a zero.
 */
export function isEmptyDay(row: Pick<Daily, "caloriesIn" | "waterMl" | "foodLogFetched">): boolean {
  return row.caloriesIn === 0 && row.waterMl === 0 && !row.foodLogFetched;
}

/** Daily calories, macros, water (in the person's unit) and calorie goal, one row per date. */
export async function getNutrition(
  subject: AuthorizedSubject,
  requested: Pick<DateRange, "from" | "to">,
  unitSystem: UnitSystem,
): Promise<NutritionResult> {
  const range = scopeRead(subject, "nutrition", requested);
  const userId = range.userId;
  const rows = (await loadDays(userId, range.from, range.to)).filter((row) => !isEmptyDay(row));
  const days = gapFill(range.from, range.to, rows.map((row) => [fromDbDate(row.date), row] as const), (date, row): NutritionRow => ({
    date,
    caloriesIn: row?.caloriesIn ?? null,
    calorieGoal: row?.calorieGoal ?? null,
    carbsG: round(row?.carbsG),
    fatG: round(row?.fatG),
    proteinG: round(row?.proteinG),
    fiberG: round(row?.fiberG),
    sodiumMg: round(row?.sodiumMg, 0),
    water: row ? convertWater(row.waterMl, unitSystem) : null,
  }));
  const withData = days.filter((day) => day.caloriesIn !== null);
  return {
    from: range.from,
    to: range.to,
    unitSystem,
    waterUnit: waterUnitFor(unitSystem),
    days,
    dayCount: withData.length,
    latestDay: withData.at(-1)?.date ?? null,
  };
}
