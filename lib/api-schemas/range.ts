/**
 * The date range every dashboard API and page takes: `preset` (7d, 30d, 90d, 1y) or a custom
 * `from`/`to` (yyyy-MM-dd, inclusive). Presets resolve to dates in the person's timezone, so
 * "today" is their local today. Shared by route handlers, pages and client components.
 */
import { z } from "zod";
import { addDays, daysBetween, EARLIEST_DATE, isCalendarDate, isIsoDate, LATEST_DATE, localToday } from "@/lib/dates";

export const PRESETS = ["7d", "30d", "90d", "1y"] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = "30d";
/** About three years, like Fitbit's longest time-series range (1095 days). */
export const MAX_RANGE_DAYS = 1096;

const PRESET_DAYS: Record<Preset, number> = { "7d": 7, "30d": 30, "90d": 90, "1y": 365 };
export const PRESET_LABELS: Record<Preset, string> = { "7d": "7 d", "30d": "30 d", "90d": "90 d", "1y": "1 y" };

export const isoDate = z
  .string({ error: "Give a date written yyyy-MM-dd, e.g. 2026-03-01." })
  .max(10, { message: "Use a calendar date written yyyy-MM-dd, e.g. 2026-03-01." })
  .refine(isCalendarDate, { message: "Use a calendar date written yyyy-MM-dd, e.g. 2026-03-01.", abort: true })
  .refine(isIsoDate, { message: `Use a date between ${EARLIEST_DATE} and ${LATEST_DATE}.` });

export const rangeFields = {
  preset: z.enum(PRESETS, { message: `preset must be one of ${PRESETS.join(", ")}.` }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

type RangeFields = { preset?: Preset; from?: string; to?: string };

/** Cross-field rules of a range, reported on the field a person has to fix. */
export function checkRange(value: RangeFields, ctx: z.RefinementCtx): void {
  const { from, to, preset } = value;
  if (preset && (from || to)) {
    ctx.addIssue({ code: "custom", path: ["preset"], message: "Give either preset or from/to, not both." });
    return;
  }
  if ((from && !to) || (!from && to)) {
    ctx.addIssue({ code: "custom", path: [from ? "to" : "from"], message: "A custom range needs both from and to." });
    return;
  }
  if (from && to) {
    if (from > to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be on or after the start date." });
    else if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `A range can span at most ${MAX_RANGE_DAYS} days (about 3 years).` });
  }
}

export const rangeQuerySchema = z.strictObject(rangeFields).superRefine(checkRange);
export type RangeQuery = z.infer<typeof rangeQuerySchema>;

export interface DateRange {
  from: string;
  to: string;
  /** Set when the range came from a preset (kept in the URL instead of dates). */
  preset: Preset | null;
}

/** Turns a checked range query into dates; presets end on the person's local today. */
export function resolveRange(query: RangeQuery, timeZone: string | null | undefined, now: Date = new Date()): DateRange {
  if (query.from && query.to) return { from: query.from, to: query.to, preset: null };
  const preset = query.preset ?? DEFAULT_PRESET;
  const to = localToday(timeZone, now);
  return { from: addDays(to, -(PRESET_DAYS[preset] - 1)), to, preset };
}

/**
 * For pages: reads a range from raw search params. Invalid params fall back to the default preset
 * and come back as `error` so the page can say so instead of failing.
 */
export function rangeFromSearchParams(
  params: Record<string, string | string[] | undefined>,
  timeZone: string | null | undefined,
  now: Date = new Date(),
): { range: DateRange; error: string | null } {
  const raw = Object.fromEntries(
    ["preset", "from", "to"].flatMap((key) => {
      const value = params[key];
      const first = Array.isArray(value) ? value[0] : value;
      return first ? [[key, first]] : [];
    }),
  );
  const parsed = rangeQuerySchema.safeParse(raw);
  if (parsed.success) return { range: resolveRange(parsed.data, timeZone, now), error: null };
  return { range: resolveRange({}, timeZone, now), error: parsed.error.issues[0]?.message ?? "Invalid date range." };
}

/** The search params that describe a range (preset wins over dates). */
export function rangeToParams(range: DateRange): Record<string, string> {
  return range.preset ? { preset: range.preset } : { from: range.from, to: range.to };
}

/** `?date=yyyy-MM-dd` (one night or one day). */
export const dateQuerySchema = z.strictObject({ date: isoDate });
export type DateQuery = z.infer<typeof dateQuerySchema>;
