/**
 * The rules of a date range, without zod: the browser reads and checks ranges too (the dashboard's
 * URL, the range picker), and zod would add ~30 KB of compressed JavaScript to every page's first
 * load. lib/api-schemas/range.ts builds the server's zod schema from these same functions and
 * messages, and range.test.ts checks that both give the same answer for the same input.
 */
import { addDays, daysBetween, EARLIEST_DATE, isCalendarDate, isIsoDate, LATEST_DATE, localToday } from "@/lib/dates";

export const PRESETS = ["7d", "30d", "90d", "1y"] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = "30d";
/** About three years, like Fitbit's longest time-series range (1095 days). */
export const MAX_RANGE_DAYS = 1096;

const PRESET_DAYS: Record<Preset, number> = { "7d": 7, "30d": 30, "90d": 90, "1y": 365 };
export const PRESET_LABELS: Record<Preset, string> = { "7d": "7 d", "30d": "30 d", "90d": "90 d", "1y": "1 y" };

export const RANGE_MESSAGES = {
  notString: "Give a date written yyyy-MM-dd, e.g. 2026-03-01.",
  notCalendarDate: "Use a calendar date written yyyy-MM-dd, e.g. 2026-03-01.",
  outOfBounds: `Use a date between ${EARLIEST_DATE} and ${LATEST_DATE}.`,
  preset: `preset must be one of ${PRESETS.join(", ")}.`,
  presetAndDates: "Give either preset or from/to, not both.",
  halfRange: "A custom range needs both from and to.",
  endBeforeStart: "The end date must be on or after the start date.",
  tooLong: `A range can span at most ${MAX_RANGE_DAYS} days (about 3 years).`,
} as const;

export interface RangeQuery {
  preset?: Preset;
  from?: string;
  to?: string;
}

export interface DateRange {
  from: string;
  to: string;
  /** Set when the range came from a preset (kept in the URL instead of dates). */
  preset: Preset | null;
}

export interface RangeProblem {
  path: "preset" | "from" | "to";
  message: string;
}

/** What is wrong with one date field, or null. */
export function dateProblem(value: string): string | null {
  if (value.length > 10 || !isCalendarDate(value)) return RANGE_MESSAGES.notCalendarDate;
  return isIsoDate(value) ? null : RANGE_MESSAGES.outOfBounds;
}

/** Cross-field rules of a range, reported on the field a person has to fix. */
export function rangeProblem({ from, to, preset }: RangeQuery): RangeProblem | null {
  if (preset && (from || to)) return { path: "preset", message: RANGE_MESSAGES.presetAndDates };
  if ((from && !to) || (!from && to)) return { path: from ? "to" : "from", message: RANGE_MESSAGES.halfRange };
  if (from && to) {
    if (from > to) return { path: "to", message: RANGE_MESSAGES.endBeforeStart };
    if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) return { path: "to", message: RANGE_MESSAGES.tooLong };
  }
  return null;
}

/** The browser's check of preset/from/to strings: the same answer as the server's schema. */
export function checkRangeQuery(raw: Record<string, string>): { ok: true; query: RangeQuery } | { ok: false; message: string } {
  const query: RangeQuery = {};
  if (raw.preset !== undefined) {
    if (!(PRESETS as readonly string[]).includes(raw.preset)) return { ok: false, message: RANGE_MESSAGES.preset };
    query.preset = raw.preset as Preset;
  }
  for (const key of ["from", "to"] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    const problem = dateProblem(value);
    if (problem) return { ok: false, message: problem };
    query[key] = value;
  }
  const problem = rangeProblem(query);
  return problem ? { ok: false, message: problem.message } : { ok: true, query };
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
  const checked = checkRangeQuery(raw);
  if (checked.ok) return { range: resolveRange(checked.query, timeZone, now), error: null };
  return { range: resolveRange({}, timeZone, now), error: checked.message };
}

/** The search params that describe a range (preset wins over dates). */
export function rangeToParams(range: DateRange): Record<string, string> {
  return range.preset ? { preset: range.preset } : { from: range.from, to: range.to };
}
