/**
 * A fixed catalogue of realistic foods. Nutrition is per ONE unit of `unit` (per gram for gram
 * foods), so a log's values are `amount ×` these. Unit 147 = gram is confirmed (Fitbit.NET
 * fixture); the other unit ids are plausible stand-ins (UNCONFIRMED, §9.4). The first item is the
 * docs example (Subway 6 inch Turkey Breast, 280 kcal).
 */
import type { FoodUnit, NutritionalValues } from "./shapes";

export const UNITS = {
  gram: { id: 147, name: "gram", plural: "grams" },
  serving: { id: 304, name: "serving", plural: "servings" },
  sandwich: { id: 296, name: "sandwich", plural: "sandwiches" },
  cup: { id: 91, name: "cup", plural: "cups" },
  slice: { id: 311, name: "slice", plural: "slices" },
  bar: { id: 17, name: "bar", plural: "bars" },
  piece: { id: 251, name: "piece", plural: "pieces" },
  medium: { id: 204, name: "medium", plural: "mediums" },
  tbsp: { id: 349, name: "tbsp", plural: "tbsp" },
  bowl: { id: 27, name: "bowl", plural: "bowls" },
  bottle: { id: 26, name: "bottle", plural: "bottles" },
  glass: { id: 128, name: "glass", plural: "glasses" },
} satisfies Record<string, FoodUnit>;

export type MealKind = "breakfast" | "lunch" | "dinner" | "snack" | "drink";

export interface CatalogueFood {
  foodId: number;
  name: string;
  /** "" for generic foods (Fitbit.NET fixture). */
  brand: string;
  unit: FoodUnit;
  /** Amounts a person plausibly logs. */
  amounts: number[];
  per: NutritionalValues;
  kinds: MealKind[];
  accessLevel: "PUBLIC" | "PRIVATE";
}

type Row = [
  foodId: number,
  name: string,
  brand: string,
  unit: keyof typeof UNITS,
  amounts: number[],
  nutrition: [
    calories: number,
    carbs: number,
    fat: number,
    fiber: number,
    protein: number,
    sodium: number,
  ],
  kinds: MealKind[],
  accessLevel?: "PRIVATE",
];

// prettier-ignore
const ROWS: Row[] = [
  [14022778, "6 inch Turkey Breast", "Subway", "sandwich", [1], [280, 46, 3.5, 5, 18, 760], ["lunch"]],
  [81540541, "Oatmeal with Milk", "", "cup", [1, 1.5], [210, 32, 5, 4, 9, 115], ["breakfast"]],
  [82370613, "Greek Yogurt, Plain 2%", "Fage", "gram", [150, 170, 200], [0.73, 0.04, 0.02, 0, 0.1, 0.38], ["breakfast", "snack"]],
  [81245121, "Banana", "", "medium", [1], [105, 27, 0.4, 3.1, 1.3, 1], ["breakfast", "snack"]],
  [81380117, "Whole Wheat Toast", "", "slice", [1, 2], [81, 14, 1.1, 1.9, 4, 146], ["breakfast"]],
  [82019234, "Scrambled Eggs", "", "serving", [1, 1.5], [182, 2, 13, 0, 12, 302], ["breakfast"]],
  [81922045, "Granola", "Nature Valley", "cup", [0.5, 0.75], [471, 64, 20, 7, 10, 26], ["breakfast"]],
  [82210450, "Coffee with Milk", "", "cup", [1, 2], [30, 3, 1.2, 0, 2, 30], ["drink", "breakfast"]],
  [81003412, "Orange Juice", "Tropicana", "cup", [1], [110, 26, 0, 0.5, 2, 0], ["breakfast", "drink"]],
  [83551230, "Avocado Toast", "", "slice", [1, 2], [195, 18, 12, 5, 4, 220], ["breakfast", "lunch"]],
  [81233400, "Blueberries", "", "cup", [0.5, 1], [84, 21, 0.5, 3.6, 1.1, 1], ["breakfast", "snack"]],
  [82001733, "Butter Croissant", "", "piece", [1], [231, 26, 12, 1.5, 4.7, 267], ["breakfast", "snack"]],
  [81766390, "Peanut Butter", "Skippy", "tbsp", [1, 2], [94, 3.2, 8, 0.8, 3.6, 73], ["breakfast", "snack"]],
  [82901155, "Chicken Caesar Salad", "", "serving", [1], [440, 12, 30, 3, 32, 980], ["lunch", "dinner"]],
  [83022811, "Tomato Soup", "Heinz", "cup", [1, 1.5], [150, 20, 6, 2, 3, 960], ["lunch"]],
  [82455102, "Tuna Sandwich", "", "sandwich", [1], [420, 38, 18, 3, 26, 840], ["lunch"]],
  [84120066, "Chicken Burrito Bowl", "Chipotle", "bowl", [1], [655, 62, 24, 13, 49, 1790], ["lunch", "dinner"]],
  [83770419, "California Roll", "", "piece", [6, 8], [33, 4.6, 1.2, 0.4, 0.9, 66], ["lunch"]],
  [84005521, "Tonkotsu Ramen", "", "bowl", [1], [690, 80, 26, 4, 30, 2300], ["lunch", "dinner"]],
  [82670214, "Quinoa Salad", "", "cup", [1, 1.5], [222, 30, 8, 5, 7, 290], ["lunch"]],
  [81150987, "Grilled Salmon", "", "gram", [120, 150, 180], [2.08, 0, 0.12, 0, 0.22, 0.6], ["dinner"]],
  [81044310, "Brown Rice, Cooked", "", "cup", [0.75, 1], [216, 45, 1.8, 3.5, 5, 10], ["dinner", "lunch"]],
  [81299002, "Steamed Broccoli", "", "cup", [1], [55, 11, 0.6, 5.1, 3.7, 64], ["dinner"]],
  [82113478, "Spaghetti Bolognese", "", "serving", [1, 1.5], [520, 62, 17, 5, 28, 780], ["dinner"]],
  [82560091, "Chicken Tikka Masala", "", "serving", [1], [490, 18, 30, 3, 38, 1100], ["dinner"]],
  [82340156, "Margherita Pizza", "", "slice", [2, 3, 4], [250, 31, 9.5, 1.8, 11, 590], ["dinner", "lunch"]],
  [80914471, "Big Mac", "McDonald's", "sandwich", [1], [550, 45, 30, 3, 25, 1010], ["dinner", "lunch"]],
  [82788120, "Beef Stir Fry", "", "serving", [1], [380, 22, 18, 4, 30, 890], ["dinner"]],
  [81477630, "Roast Chicken Breast", "", "serving", [1], [231, 0, 5, 0, 43, 104], ["dinner"]],
  [81602285, "Roast Potatoes", "", "serving", [1], [210, 32, 8, 3, 3.5, 300], ["dinner"]],
  [81355408, "Mixed Green Salad", "", "cup", [1, 2], [15, 3, 0.2, 1.5, 1.2, 20], ["dinner", "lunch"]],
  [90011234, "Mum's Lasagne", "", "serving", [1], [610, 45, 32, 4, 35, 1050], ["dinner"], "PRIVATE"],
  [81200145, "Apple", "", "medium", [1], [95, 25, 0.3, 4.4, 0.5, 2], ["snack"]],
  [81678812, "Almonds", "", "gram", [28, 30], [5.79, 0.22, 0.5, 0.13, 0.21, 0.01], ["snack"]],
  [83310077, "Chocolate Chip Clif Bar", "Clif Bar", "bar", [1], [250, 44, 5, 4, 10, 150], ["snack"]],
  [82145590, "Dark Chocolate 70%", "Lindt", "piece", [2, 4], [53, 4, 4.1, 1, 0.8, 2], ["snack"]],
  [82999310, "Hummus with Carrot Sticks", "", "serving", [1], [180, 18, 9, 6, 6, 320], ["snack"]],
  [83123004, "Potato Chips, Original", "Lay's", "serving", [1, 2], [160, 15, 10, 1, 2, 170], ["snack"]],
  [81980762, "Vanilla Ice Cream", "Häagen-Dazs", "cup", [0.5, 1], [500, 42, 34, 0, 8, 170], ["snack"]],
  [82450978, "Red Wine", "", "glass", [1, 2], [125, 3.8, 0, 0, 0.1, 6], ["drink"]],
  [83660245, "IPA Beer", "", "bottle", [1, 2], [200, 17, 0, 0, 2.2, 14], ["drink"]],
  [84201176, "Caffè Latte, Grande", "Starbucks", "cup", [1], [190, 19, 7, 0, 13, 170], ["drink", "snack"]],
];

const UNIT_IDS = Object.values(UNITS).map((u) => u.id);

export const CATALOGUE: readonly CatalogueFood[] = ROWS.map(
  ([foodId, name, brand, unit, amounts, n, kinds, accessLevel]) => ({
    foodId,
    name,
    brand,
    unit: UNITS[unit],
    amounts,
    per: { calories: n[0], carbs: n[1], fat: n[2], fiber: n[3], protein: n[4], sodium: n[5] },
    kinds,
    accessLevel: accessLevel ?? "PUBLIC",
  }),
);

/** `loggedFood.units`: the unit itself first, then a few other units valid for the food. */
export function unitsFor(food: CatalogueFood): number[] {
  const others = UNIT_IDS.filter((id) => id !== food.unit.id && (id === 147 || id === 304));
  return [food.unit.id, ...others];
}

export function foodsOfKind(kind: MealKind): CatalogueFood[] {
  return CATALOGUE.filter((f) => f.kinds.includes(kind));
}
