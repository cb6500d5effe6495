/** Nutrition payloads (reference §9): one day's food log and the caloriesIn / water series. */
import { z } from "zod";
import { INT32_MAX, INT32_MIN, int32 } from "@/lib/providers/payload-primitives";
import { fitbitDate } from "./sleep";

const nutritionalValues = z.looseObject({
  calories: z.number(),
  carbs: z.number().optional(),
  fat: z.number().optional(),
  fiber: z.number().optional(),
  protein: z.number().optional(),
  sodium: z.number().optional(),
});

export const foodLogDaySchema = z.looseObject({
  foods: z.array(
    z.looseObject({
      logDate: fitbitDate,
      logId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
      loggedFood: z.looseObject({
        amount: z.number(),
        brand: z.string().default(""),
        calories: z.number(),
        mealTypeId: z.number().int().min(1).max(7),
        name: z.string(),
        unit: z.looseObject({ name: z.string(), plural: z.string().optional() }),
      }),
      nutritionalValues: nutritionalValues.optional(),
    }),
  ),
  // `goals` may be missing for people without a calorie goal (UNCONFIRMED, §9.1).
  goals: z.looseObject({ calories: int32.optional() }).optional(),
  summary: nutritionalValues.extend({ water: z.number().optional() }),
});
export type FitbitFoodLogDay = z.infer<typeof foodLogDaySchema>;

/** Series values are strings ("2143", "1500.0"); anything not a finite number is rejected. */
const numericString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "expected a numeric string")
  .transform(Number)
  // Calories land in an Int column: a value past its range is an impossible day, not a crash.
  .pipe(z.number().min(INT32_MIN).max(INT32_MAX));

const seriesEntry = z.looseObject({ dateTime: fitbitDate, value: numericString });

export const caloriesInSeriesSchema = z.looseObject({
  "foods-log-caloriesIn": z.array(seriesEntry),
});
export const waterSeriesSchema = z.looseObject({ "foods-log-water": z.array(seriesEntry) });
export type FitbitSeriesEntry = z.infer<typeof seriesEntry>;
