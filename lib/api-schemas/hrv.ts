/** GET /api/me/hrv?range, GET /api/me/hrv/night?date and POST /api/me/hrv/night?date (fetch on demand). */
import type { BucketStats, GroupedRangeBase } from "./grouped";
import { dateQuerySchema, rangeQuerySchema } from "./range";

export const hrvQuerySchema = rangeQuerySchema;
export const hrvNightQuerySchema = dateQuerySchema;

export interface HrvRow {
  date: string;
  dailyRmssd: number | null;
  deepRmssd: number | null;
  /** Personal baseline from the 30 days before this date: mean ± 1 SD (null until 7 prior nights). */
  baselineMean: number | null;
  baselineLow: number | null;
  baselineHigh: number | null;
}

export interface HrvResult {
  from: string;
  to: string;
  days: HrvRow[];
  dayCount: number;
  latestNight: string | null;
}

/** A long range by week or month (GET /api/me/hrv for more than 62 days): nightly RMSSD in ms. */
export interface HrvGroupedResult extends GroupedRangeBase {
  dayCount: number;
  latestNight: string | null;
  series: Record<"dailyRmssd", BucketStats[]>;
}

/** GET /api/me/hrv: night by night up to 62 days (as before), grouped beyond. */
export type HrvRangeResult = ({ bucket: "day" } & HrvResult) | HrvGroupedResult;

export interface HrvReading {
  /** Provider local time of the 5-minute window. */
  minute: string;
  rmssd: number | null;
  coverage: number | null;
  hf: number | null;
  lf: number | null;
}

export interface HrvNightResult {
  date: string;
  /** 5-minute readings in order; a gap of more than 5 minutes gets a null reading so lines break. */
  readings: HrvReading[];
  /** No readings stored yet but Fitbit should have them: POST /api/me/hrv/night fetches them. */
  fetchable: boolean;
}
