/**
 * The date range every dashboard API and page takes: `preset` (7d, 30d, 90d, 1y) or a custom
 * `from`/`to` (yyyy-MM-dd, inclusive). Presets resolve to dates in the person's timezone, so
 * "today" is their local today. Shared by route handlers, pages and client components.
 */
import { z } from "zod";
import { isCalendarDate, isIsoDate } from "@/lib/dates";
import { PRESETS, RANGE_MESSAGES, rangeProblem, type RangeQuery } from "./range-rules";

// The rules themselves live in ./range-rules (no zod, so the browser can use them cheaply).
export * from "./range-rules";

export const isoDate = z
  .string({ error: RANGE_MESSAGES.notString })
  .max(10, { message: RANGE_MESSAGES.notCalendarDate })
  .refine(isCalendarDate, { message: RANGE_MESSAGES.notCalendarDate, abort: true })
  .refine(isIsoDate, { message: RANGE_MESSAGES.outOfBounds });

export const rangeFields = {
  preset: z.enum(PRESETS, { message: RANGE_MESSAGES.preset }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

/** Cross-field rules of a range (./range-rules), as zod issues on the field to fix. */
export function checkRange(value: RangeQuery, ctx: z.RefinementCtx): void {
  const problem = rangeProblem(value);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
}

export const rangeQuerySchema = z.strictObject(rangeFields).superRefine(checkRange);

/** `?date=yyyy-MM-dd` (one night or one day). */
export const dateQuerySchema = z.strictObject({ date: isoDate });
export type DateQuery = z.infer<typeof dateQuerySchema>;
