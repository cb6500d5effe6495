import "server-only";
import type { DateRange } from "@/lib/api-schemas/range";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import { forSubject } from "@/lib/cache/person-cache";
import { getBreathingRange } from "./breathing-range";
import { getHrvRange } from "./hrv-range";
import { getNutritionRange } from "./nutrition-range";
import { getSleepRange } from "./sleep-range";

/**
 * Each metric's range series, reused while the person's data is unchanged (decision 0020): the
 * overview, the metric's own page and its `/api/me/*` route share one entry per range, so moving
 * between pages or back to a range already seen reads no health data again. The key is the dates
 * alone: a preset and the same dates typed in read the same nights.
 */
type Range = Pick<DateRange, "from" | "to">;
const keyOf = (range: Range) => [range.from, range.to];

export const cachedSleepRange = (subject: AuthorizedSubject, range: Range) =>
  forSubject(subject, "sleepRange", keyOf(range), () => getSleepRange(subject, range));

export const cachedHrvRange = (subject: AuthorizedSubject, range: Range) =>
  forSubject(subject, "hrvRange", keyOf(range), () => getHrvRange(subject, range));

export const cachedBreathingRange = (subject: AuthorizedSubject, range: Range) =>
  forSubject(subject, "breathingRange", keyOf(range), () => getBreathingRange(subject, range));

export const cachedNutritionRange = (subject: AuthorizedSubject, range: Range, unitSystem: Parameters<typeof getNutritionRange>[2]) =>
  forSubject(subject, "nutritionRange", [...keyOf(range), unitSystem], () => getNutritionRange(subject, range, unitSystem));
