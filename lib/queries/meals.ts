import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { MEAL_TYPES, type Meal, type MealTotals, type MealsResult } from "@/lib/api-schemas/nutrition";
import { toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { loadDays } from "./nutrition";
import { convertWater, round, waterUnitFor, type UnitSystem } from "@/lib/units";

function totalsOf(entries: { calories: number; carbsG: number | null; fatG: number | null; proteinG: number | null }[]): MealTotals {
  const sum = (pick: (entry: (typeof entries)[number]) => number | null) =>
    round(entries.reduce((total, entry) => total + (pick(entry) ?? 0), 0)) ?? 0;
  return {
    calories: Math.round(entries.reduce((total, entry) => total + entry.calories, 0)),
    carbsG: sum((entry) => entry.carbsG),
    fatG: sum((entry) => entry.fatG),
    proteinG: sum((entry) => entry.proteinG),
  };
}

/** One day's food log grouped by meal (in meal order), with per-meal and day totals. */
export async function getMeals(subject: AuthorizedSubject, date: string, unitSystem: UnitSystem): Promise<MealsResult> {
  const { userId } = scopeRead(subject, "nutrition", { from: date, to: date });
  // The day's provider is the one whose totals the nutrition chart shows for it (precedence).
  const daily = (await loadDays(userId, date, date))[0] ?? null;
  const entries = daily
    ? await db.foodLogEntry.findMany({
        where: { userId, provider: daily.provider, date: toDbDate(date) },
        orderBy: [{ mealTypeId: "asc" }, { providerLogId: "asc" }],
      })
    : [];
  const groups = new Map<number, typeof entries>();
  for (const entry of entries) groups.set(entry.mealTypeId, [...(groups.get(entry.mealTypeId) ?? []), entry]);
  const meals = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([mealTypeId, items]): Meal => ({
        mealTypeId,
        name: MEAL_TYPES[mealTypeId] ?? `Meal ${mealTypeId}`,
        entries: items.map((item) => ({
          id: item.id,
          name: item.name,
          brand: item.brand,
          amount: item.amount,
          unitName: item.unitName,
          calories: Math.round(item.calories),
          carbsG: round(item.carbsG),
          fatG: round(item.fatG),
          proteinG: round(item.proteinG),
        })),
        totals: totalsOf(items),
      }),
    );
  return {
    date,
    meals,
    totals: totalsOf(entries),
    calorieGoal: daily?.calorieGoal ?? null,
    water: daily ? convertWater(daily.waterMl, unitSystem) : null,
    waterUnit: waterUnitFor(unitSystem),
  };
}
