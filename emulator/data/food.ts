/**
 * Food and water diaries (§9). A day is a list of meals drawn from the catalogue, each with the
 * local time it was logged (not served by Fitbit, but needed so that "today" only shows what
 * has been eaten by the emulator's now). Some days have nothing logged at all.
 */
import type { DemoPerson } from "../types";
import { foodsOfKind, unitsFor, type CatalogueFood, type MealKind } from "./foods-catalogue";
import { foodDayEmpty, lateHeavyDinner, traitsOf } from "./lifestyle";
import { hashParts, rngFor, round, type Rng } from "./prng";
import type { FoodDayResponse, FoodLogEntry, NutritionalValues, WaterDayResponse } from "./shapes";
import { formatDay } from "./time";

export type WaterUnit = "ml" | "fl oz";
const ML_PER_FL_OZ = 29.5735295625;

export interface FoodDayData {
  /** Minute of the local day each entry was logged, ascending. */
  foods: { minute: number; entry: FoodLogEntry }[];
  water: { minute: number; ml: number; logId: number }[];
}

type MealTypeId = FoodLogEntry["loggedFood"]["mealTypeId"];

interface MealSlot {
  mealTypeId: MealTypeId;
  kind: MealKind;
  /** Usual local time, minutes after midnight. */
  at: number;
  probability: number;
  items: [number, number];
}

/** 1 breakfast, 2 morning snack, 3 lunch, 4 afternoon snack, 5 dinner, 6 evening snack (rare,
 * undocumented but accepted), 7 anytime (§9.1). */
const SLOTS: MealSlot[] = [
  { mealTypeId: 1, kind: "breakfast", at: 7 * 60 + 40, probability: 0.92, items: [1, 3] },
  { mealTypeId: 2, kind: "snack", at: 10 * 60 + 30, probability: 0.4, items: [1, 1] },
  { mealTypeId: 3, kind: "lunch", at: 12 * 60 + 45, probability: 0.95, items: [1, 2] },
  { mealTypeId: 4, kind: "snack", at: 15 * 60 + 30, probability: 0.5, items: [1, 2] },
  { mealTypeId: 5, kind: "dinner", at: 19 * 60, probability: 0.95, items: [2, 3] },
  { mealTypeId: 6, kind: "snack", at: 21 * 60 + 30, probability: 0.05, items: [1, 1] },
  { mealTypeId: 7, kind: "drink", at: 16 * 60, probability: 0.3, items: [1, 1] },
];

export function foodLogId(person: DemoPerson, day: number, index: number): number {
  return 12_000_000_000 + day * 300_000 + (person.seed % 300) * 1000 + index;
}

export function waterLogId(person: DemoPerson, day: number, index: number): number {
  return 2_000_000_000 + day * 200_000 + (person.seed % 300) * 1000 + index;
}

export function generateFoodDay(person: DemoPerson, day: number): FoodDayData {
  if (foodDayEmpty(person, day)) return { foods: [], water: [] };
  const rng = rngFor(person.seed, "food", day);
  const sparse = person.archetype === "sparse";
  const heavy = lateHeavyDinner(person, day);
  const picks: { minute: number; mealTypeId: MealTypeId; food: CatalogueFood; amount: number }[] =
    [];
  for (const slot of SLOTS) {
    // The sparse wearer logs only some meals even on days they log at all.
    const logged = rng.chance(slot.probability * (sparse ? 0.6 : 1));
    if (!logged && !(heavy && slot.mealTypeId === 5)) continue;
    if (slot.mealTypeId === 6 && heavy) continue;
    const minute = slot.at + rng.int(-25, 25);
    if (slot.mealTypeId === 5 && heavy) {
      picks.push(...heavyDinner(rng));
      continue;
    }
    const pool = foodsOfKind(slot.kind);
    const n = rng.int(slot.items[0], slot.items[1]);
    for (let i = 0; i < n; i++) {
      const food = rng.pick(pool);
      picks.push({ minute, mealTypeId: slot.mealTypeId, food, amount: rng.pick(food.amounts) });
    }
  }
  picks.sort((a, b) => a.minute - b.minute);
  const foods = picks.map((p, i) => ({
    minute: p.minute,
    entry: logEntry(person, day, i, p.mealTypeId, p.food, p.amount),
  }));
  return { foods, water: waterLogs(person, day, rng) };
}

/** After 21:00 and over 900 kcal: a big main, sides, dessert and wine until the total is there. */
function heavyDinner(rng: Rng) {
  const minute = 21 * 60 + rng.int(10, 80);
  const dinner = foodsOfKind("dinner");
  const extras = [...foodsOfKind("snack"), ...foodsOfKind("drink")];
  const out: { minute: number; mealTypeId: MealTypeId; food: CatalogueFood; amount: number }[] = [];
  let kcal = 0;
  for (let i = 0; kcal <= 950 || i < 3; i++) {
    const food = rng.pick(i < 2 ? dinner : extras);
    const amount = food.amounts[food.amounts.length - 1] ?? 1; // the big portion
    out.push({ minute, mealTypeId: 5, food, amount });
    kcal += food.per.calories * amount;
  }
  return out;
}

function logEntry(
  person: DemoPerson,
  day: number,
  index: number,
  mealTypeId: MealTypeId,
  food: CatalogueFood,
  amount: number,
): FoodLogEntry {
  const nutritionalValues: NutritionalValues = {
    calories: Math.round(food.per.calories * amount),
    carbs: round(food.per.carbs * amount, 2),
    fat: round(food.per.fat * amount, 2),
    fiber: round(food.per.fiber * amount, 2),
    protein: round(food.per.protein * amount, 2),
    sodium: Math.round(food.per.sodium * amount),
  };
  return {
    isFavorite: hashParts(person.seed, "favourite", food.foodId) % 4 === 0,
    logDate: formatDay(day),
    logId: foodLogId(person, day, index),
    loggedFood: {
      accessLevel: food.accessLevel,
      amount,
      brand: food.brand,
      calories: nutritionalValues.calories,
      foodId: food.foodId,
      locale: person.locale,
      mealTypeId,
      name: food.name,
      unit: food.unit,
      units: unitsFor(food),
    },
    nutritionalValues,
  };
}

function waterLogs(person: DemoPerson, day: number, rng: Rng): FoodDayData["water"] {
  const sparse = person.archetype === "sparse";
  if (sparse && rng.chance(0.5)) return [];
  const n = sparse ? rng.int(1, 3) : rng.int(3, 7);
  const minutes = Array.from({ length: n }, () => rng.int(8 * 60, 21 * 60)).sort((a, b) => a - b);
  return minutes.map((minute, i) => ({
    minute,
    ml: rng.weighted([250, 330, 500, 750], [4, 2, 3, 1]),
    logId: waterLogId(person, day, i),
  }));
}

export function convertWater(ml: number, unit: WaterUnit): number {
  return unit === "ml" ? ml : round(ml / ML_PER_FL_OZ, 2);
}

/** What is visible up to `cutoffMinute` of the day (Infinity for past days). */
export function visibleFood(data: FoodDayData, cutoffMinute: number): FoodDayData {
  if (cutoffMinute === Infinity) return data;
  return {
    foods: data.foods.filter((f) => f.minute <= cutoffMinute),
    water: data.water.filter((w) => w.minute <= cutoffMinute),
  };
}

export function foodDayResponse(
  person: DemoPerson,
  data: FoodDayData,
  unit: WaterUnit,
): FoodDayResponse {
  const totals: NutritionalValues = {
    calories: 0,
    carbs: 0,
    fat: 0,
    fiber: 0,
    protein: 0,
    sodium: 0,
  };
  for (const { entry } of data.foods) {
    for (const k of Object.keys(totals) as (keyof NutritionalValues)[]) {
      totals[k] += entry.nutritionalValues[k];
    }
  }
  return {
    foods: data.foods.map((f) => f.entry),
    goals: { calories: traitsOf(person).calorieGoal },
    summary: {
      calories: totals.calories,
      carbs: round(totals.carbs, 2),
      fat: round(totals.fat, 2),
      fiber: round(totals.fiber, 2),
      protein: round(totals.protein, 2),
      sodium: totals.sodium,
      water: waterTotal(data, unit),
    },
  };
}

export function waterDayResponse(data: FoodDayData, unit: WaterUnit): WaterDayResponse {
  return {
    summary: { water: waterTotal(data, unit) },
    water: data.water.map((w) => ({ amount: convertWater(w.ml, unit), logId: w.logId })),
  };
}

export function waterTotal(data: FoodDayData, unit: WaterUnit): number {
  return convertWater(
    data.water.reduce((a, w) => a + w.ml, 0),
    unit,
  );
}

export function caloriesTotal(data: FoodDayData): number {
  return data.foods.reduce((a, f) => a + f.entry.nutritionalValues.calories, 0);
}
