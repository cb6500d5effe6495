/** GET /api/me/breathing?range and GET /api/me/breathing/night?date. */
import type { BucketStats, GroupedRangeBase } from "./grouped";
import { dateQuerySchema, rangeQuerySchema } from "./range";

export const breathingQuerySchema = rangeQuerySchema;
export const breathingNightQuerySchema = dateQuerySchema;

/** Breaths per minute of the main sleep ending on `date`; null = no value. */
export interface BreathingRow {
  date: string;
  full: number | null;
  deep: number | null;
  light: number | null;
  rem: number | null;
}

export interface BreathingResult {
  from: string;
  to: string;
  days: BreathingRow[];
  dayCount: number;
  latestNight: string | null;
}

/** A long range by week or month (GET /api/me/breathing for more than 62 days): full-sleep brpm. */
export interface BreathingGroupedResult extends GroupedRangeBase {
  dayCount: number;
  latestNight: string | null;
  series: Record<"full", BucketStats[]>;
}

/** GET /api/me/breathing: night by night up to 62 days (as before), grouped beyond. */
export type BreathingRangeResult = ({ bucket: "day" } & BreathingResult) | BreathingGroupedResult;

/** GET /api/me/breathing/night: one night's rates by stage (the grouped page's night detail). */
export interface BreathingNightResult {
  date: string;
  /** Null when the night has no breathing rate. */
  night: BreathingRow | null;
}
