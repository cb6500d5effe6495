/** Nutrition payloads → NutritionDaily / FoodLogEntry rows. Water is always in ml (en_GB). */
import type {
  FitbitFoodLogDay,
  FitbitSeriesEntry,
} from "@/lib/providers/fitbit/payloads/nutrition";
import { dateColumn } from "@/lib/providers/local-time";
import type { NutritionSeriesRow, FoodDayTotals, FoodEntryRow } from "@/lib/providers/model";

/**
 * Joins the two series by date. Both list every day of the range (zeros included, §9.3), so a
 * day missing from one of them counts as 0 there.
 */
export function normalizeNutritionSeries(
  calories: FitbitSeriesEntry[],
  water: FitbitSeriesEntry[],
): NutritionSeriesRow[] {
  const byDay = new Map<string, { caloriesIn: number; waterMl: number }>();
  for (const entry of calories)
    byDay.set(entry.dateTime, { caloriesIn: Math.round(entry.value), waterMl: 0 });
  for (const entry of water) {
    const row = byDay.get(entry.dateTime) ?? { caloriesIn: 0, waterMl: 0 };
    row.waterMl = entry.value;
    byDay.set(entry.dateTime, row);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, values]) => ({ date: dateColumn(day), day, ...values }));
}

export function normalizeFoodDay(
  payload: FitbitFoodLogDay,
  day: string,
): { totals: FoodDayTotals; entries: FoodEntryRow[] } {
  const s = payload.summary;
  return {
    totals: {
      carbsG: s.carbs ?? null,
      fatG: s.fat ?? null,
      fiberG: s.fiber ?? null,
      proteinG: s.protein ?? null,
      sodiumMg: s.sodium ?? null,
      calorieGoal: payload.goals?.calories ?? null,
    },
    // Entries are dated by the day we asked for: that is the day Fitbit filed them under.
    entries: payload.foods.map((food) => ({
      providerLogId: String(food.logId),
      date: dateColumn(day),
      mealTypeId: food.loggedFood.mealTypeId,
      name: food.loggedFood.name,
      brand: food.loggedFood.brand,
      amount: food.loggedFood.amount,
      unitName: food.loggedFood.unit.name,
      calories: food.nutritionalValues?.calories ?? food.loggedFood.calories,
      carbsG: food.nutritionalValues?.carbs ?? null,
      fatG: food.nutritionalValues?.fat ?? null,
      fiberG: food.nutritionalValues?.fiber ?? null,
      proteinG: food.nutritionalValues?.protein ?? null,
      sodiumMg: food.nutritionalValues?.sodium ?? null,
    })),
  };
}

export type { NutritionSeriesRow, FoodDayTotals, FoodEntryRow };
