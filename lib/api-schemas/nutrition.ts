/** GET /api/me/nutrition?range and GET /api/me/nutrition/meals?date. */
import type { UnitSystem, WaterUnit } from "@/lib/units";
import type { BucketStats, GroupedRangeBase } from "./grouped";
import { dateQuerySchema, rangeQuerySchema } from "./range";

export const nutritionQuerySchema = rangeQuerySchema;
export const mealsQuerySchema = dateQuerySchema;

export interface NutritionRow {
  date: string;
  caloriesIn: number | null;
  calorieGoal: number | null;
  carbsG: number | null;
  fatG: number | null;
  proteinG: number | null;
  fiberG: number | null;
  sodiumMg: number | null;
  /** In `waterUnit`. */
  water: number | null;
}

export interface NutritionResult {
  from: string;
  to: string;
  unitSystem: UnitSystem;
  waterUnit: WaterUnit;
  days: NutritionRow[];
  dayCount: number;
  latestDay: string | null;
}

/** A long range by week or month (GET /api/me/nutrition for more than 62 days): kcal, and water in `waterUnit`, of logged days. */
export interface NutritionGroupedResult extends GroupedRangeBase {
  unitSystem: UnitSystem;
  waterUnit: WaterUnit;
  dayCount: number;
  latestDay: string | null;
  series: Record<"caloriesIn" | "water", BucketStats[]>;
}

/** GET /api/me/nutrition: day by day up to 62 days (as before), grouped beyond. */
export type NutritionRangeResult = ({ bucket: "day" } & NutritionResult) | NutritionGroupedResult;

export const MEAL_TYPES: Record<number, string> = {
  1: "Breakfast",
  2: "Morning Snack",
  3: "Lunch",
  4: "Afternoon Snack",
  5: "Dinner",
  6: "Evening Snack",
  7: "Anytime",
};

export interface MealEntry {
  id: string;
  name: string;
  brand: string;
  amount: number;
  unitName: string;
  calories: number;
  carbsG: number | null;
  fatG: number | null;
  proteinG: number | null;
}

export interface MealTotals {
  calories: number;
  carbsG: number;
  fatG: number;
  proteinG: number;
}

export interface Meal {
  mealTypeId: number;
  name: string;
  entries: MealEntry[];
  totals: MealTotals;
}

export interface MealsResult {
  date: string;
  meals: Meal[];
  totals: MealTotals;
  calorieGoal: number | null;
  /** Water that day in `waterUnit`, null without a nutrition row. */
  water: number | null;
  waterUnit: WaterUnit;
}
