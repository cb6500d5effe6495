/** GET /api/me/sleep?preset|from&to and GET /api/me/sleep/night?date — shared query schemas and result types. */
import type { BucketStats, GroupedRangeBase } from "./grouped";
import { dateQuerySchema, rangeQuerySchema } from "./range";

export const sleepQuerySchema = rangeQuerySchema;
export const sleepNightQuerySchema = dateQuerySchema;

export type SleepType = "stages" | "classic";

/** One calendar night (wake date). Every field is null on nights without a log. */
export interface SleepNightRow {
  date: string;
  /** Type of the main sleep. */
  type: SleepType | null;
  /** Main sleep stage minutes (stages logs only). */
  deep: number | null;
  light: number | null;
  rem: number | null;
  wake: number | null;
  /** Main sleep classic minutes (classic logs only). */
  asleep: number | null;
  restless: number | null;
  awake: number | null;
  /** Main sleep. */
  minutesAsleep: number | null;
  timeInBed: number | null;
  /** minutesAsleep / timeInBed of the main sleep, in % (Fitbit's own field is unreliable for stages logs). */
  efficiency: number | null;
  /** Naps (every log that is not the main sleep). */
  napCount: number;
  napMinutesAsleep: number | null;
  /** Main sleep + naps. */
  totalMinutesAsleep: number | null;
  /** Rolling 30-day mean of stage minutes over stages nights in the 30 days ending this date. */
  avgDeep: number | null;
  avgLight: number | null;
  avgRem: number | null;
  avgWake: number | null;
}

export interface SleepNightsResult {
  from: string;
  to: string;
  nights: SleepNightRow[];
  /** Nights with at least one log in the range. */
  nightCount: number;
  /** The latest date in the range with a log. */
  latestNight: string | null;
}

/** A long range by week or month (GET /api/me/sleep for more than 62 days). */
export interface SleepGroupedResult extends GroupedRangeBase {
  nightCount: number;
  latestNight: string | null;
  /** Per bucket (the same starts in every series), minutes: main sleep asleep, naps on days with naps, stage minutes of stages nights. */
  series: Record<"asleep" | "naps" | "deep" | "light" | "rem" | "wake", BucketStats[]>;
}

/** GET /api/me/sleep: night by night up to 62 days (as before), grouped beyond. */
export type SleepRangeResult = ({ bucket: "day" } & SleepNightsResult) | SleepGroupedResult;

export type StageLevel = "deep" | "light" | "rem" | "wake";
export type ClassicLevel = "asleep" | "restless" | "awake";
export type SleepLevel = StageLevel | ClassicLevel;

export interface SleepSegment {
  /** Provider local time `yyyy-MM-ddTHH:mm:ss.SSS`. */
  start: string;
  level: SleepLevel;
  seconds: number;
}

export interface SleepLogDetail {
  id: string;
  isMainSleep: boolean;
  type: SleepType;
  startLocal: string;
  endLocal: string;
  minutesAsleep: number;
  minutesAwake: number;
  timeInBed: number;
  efficiency: number;
  deep: number | null;
  light: number | null;
  rem: number | null;
  wake: number | null;
  asleep: number | null;
  restless: number | null;
  awake: number | null;
  segments: SleepSegment[];
  /** Short wakes (≤ 3 min) overlaid on the stages; empty for classic logs. */
  shortWakes: SleepSegment[];
}

export interface SleepNightDetail {
  date: string;
  /** Main sleep first, then naps by start time. */
  logs: SleepLogDetail[];
}
