/**
 * Direct access to what the emulator serves, for tests of the app ("does the UI show what the
 * API returned?"). Every function takes the emulator clock `nowMs` because visibility depends on
 * it: nothing after the person's local today, and on today only what has already happened.
 * Dates are `yyyy-MM-dd` or `today`. Returned objects are the emulator's own: don't mutate them.
 */
import type { DemoPerson } from "../types";
import { devicesFor } from "./devices";
import { foodDayResponse, waterDayResponse, type WaterUnit } from "./food";
import { viewOf, visibleFoodDay, visibleLogs, visiblePhysiology } from "./history";
import type {
  BrIntraday,
  BrSummary,
  FoodDayResponse,
  HrvIntraday,
  HrvSummary,
  SleepDaySummary,
  SleepLog,
  WaterDayResponse,
} from "./shapes";
import { daySummary } from "./sleep";
import { formatDay, localDay, parseDay } from "./time";

export type * from "./shapes";
export type { WaterUnit } from "./food";
export { devicesFor };

/** `today` in the person's time zone at `nowMs`, as `yyyy-MM-dd`. */
export function localToday(person: DemoPerson, nowMs: number): string {
  return formatDay(localDay(person.timezone, nowMs));
}

function dayOf(person: DemoPerson, date: string, nowMs: number): number {
  const day = date === "today" ? localDay(person.timezone, nowMs) : parseDay(date);
  if (day === null) throw new Error(`Invalid date: ${date}`);
  return day;
}

/** Sleep logs whose `dateOfSleep` is `date` (the `sleep` array of §5.2). */
export function sleepLogsForDate(person: DemoPerson, date: string, nowMs: number): SleepLog[] {
  const day = dayOf(person, date, nowMs);
  return visibleLogs(viewOf(person, nowMs), day).map((g) => g.log);
}

/** The by-date response body (§5.2, §5.6). */
export function sleepDay(
  person: DemoPerson,
  date: string,
  nowMs: number,
): { sleep: SleepLog[]; summary: SleepDaySummary } {
  const sleep = sleepLogsForDate(person, date, nowMs);
  return { sleep, summary: daySummary(sleep) };
}

export function hrvForDate(person: DemoPerson, date: string, nowMs: number): HrvSummary | null {
  return visiblePhysiology(viewOf(person, nowMs), dayOf(person, date, nowMs)).hrv;
}

export function hrvIntradayForDate(
  person: DemoPerson,
  date: string,
  nowMs: number,
): HrvIntraday | null {
  return visiblePhysiology(viewOf(person, nowMs), dayOf(person, date, nowMs)).hrvIntraday;
}

export function brForDate(person: DemoPerson, date: string, nowMs: number): BrSummary | null {
  return visiblePhysiology(viewOf(person, nowMs), dayOf(person, date, nowMs)).br;
}

export function brIntradayForDate(
  person: DemoPerson,
  date: string,
  nowMs: number,
): BrIntraday | null {
  return visiblePhysiology(viewOf(person, nowMs), dayOf(person, date, nowMs)).brIntraday;
}

/** The food-log body of `date` (§9.1), water in `unit` (ml unless the client asked en_US). */
export function foodDay(
  person: DemoPerson,
  date: string,
  nowMs: number,
  unit: WaterUnit = "ml",
): FoodDayResponse {
  const view = viewOf(person, nowMs);
  return foodDayResponse(person, visibleFoodDay(view, dayOf(person, date, nowMs)), unit);
}

/** The water-log body of `date` (§9.2). */
export function waterDay(
  person: DemoPerson,
  date: string,
  nowMs: number,
  unit: WaterUnit = "ml",
): WaterDayResponse {
  const view = viewOf(person, nowMs);
  return waterDayResponse(visibleFoodDay(view, dayOf(person, date, nowMs)), unit);
}
