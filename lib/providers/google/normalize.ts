/**
 * Google Health API v4 points → Nightly's normalized rows, the same rows the Fitbit path makes:
 * a night is dated by its wake date (local date of the session end), local times are kept as
 * the person's wall clock at that moment (from each point's own UTC offset, so DST is exact),
 * stage timelines become the same `levels` the hypnogram reads.
 */
import { dateColumn } from "@/lib/providers/local-time";
import type {
  BreathingRateRow,
  FoodDayTotals,
  FoodEntryRow,
  HrvDailyRow,
  HrvIntradayRow,
  HrvReading,
  LevelEntry,
  NutritionSeriesRow,
  SleepLogRow,
} from "@/lib/providers/model";
import type { DayRange } from "@/lib/providers/types";
import type { z } from "zod";
import type {
  CivilDate,
  dailyHrvSchema,
  GoogleNutritionLog,
  GoogleSleep,
  hrvSampleSchema,
  hydrationLogSchema,
  respiratorySleepSummarySchema,
} from "./schemas";

/** `yyyy-MM-ddTHH:mm:ss.SSS` wall time of an instant at a UTC offset (seconds). */
export function wallTime(instant: string, offsetSeconds: number): string {
  return new Date(Date.parse(instant) + offsetSeconds * 1000).toISOString().slice(0, 23);
}

export const civilDay = (d: CivilDate) =>
  `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

/** The last path segment of a resource name: the provider's own id of the point. */
export function pointIdOf(point: { name?: string; dataPointName?: string }): string | null {
  const name = point.name || point.dataPointName;
  return name ? name.slice(name.lastIndexOf("/") + 1) : null;
}

const STAGE_LEVEL: Record<string, string> = { DEEP: "deep", LIGHT: "light", REM: "rem", AWAKE: "wake" };
const CLASSIC_LEVEL: Record<string, string> = { ASLEEP: "asleep", RESTLESS: "restless", AWAKE: "awake" };

export function normalizeSleep(id: string, sleep: GoogleSleep): SleepLogRow {
  const { interval } = sleep;
  const startOffset = interval.startUtcOffset ?? 0;
  const endOffset = interval.endUtcOffset ?? startOffset;
  const startMs = Date.parse(interval.startTime);
  const endMs = Date.parse(interval.endTime);
  const classic = sleep.type === "CLASSIC";
  const levelOf = classic ? CLASSIC_LEVEL : STAGE_LEVEL;
  // Reconciled points can list a stage twice (reference §8): each type counts once.
  const stageMinutes = new Map<string, number>();
  for (const entry of sleep.summary?.stagesSummary ?? [])
    if (!stageMinutes.has(entry.type)) stageMinutes.set(entry.type, entry.minutes ?? 0);
  const stages = sleep.stages ?? [];
  const tilesSession = () =>
    stages.length > 0 && stages.reduce((sum, st) => sum + Date.parse(st.endTime) - Date.parse(st.startTime), 0) === endMs - startMs;
  if (stageMinutes.size === 0)
    for (const stage of stages)
      stageMinutes.set(stage.type, (stageMinutes.get(stage.type) ?? 0) + (Date.parse(stage.endTime) - Date.parse(stage.startTime)) / 60_000);
  // Fitbit counted short wakes (< 3 min) as wake, taken from the stage they interrupt; Google
  // lists them beside the stages. Counting them the same way makes a night read the same
  // whichever API it came from.
  const shortWakes = classic ? [] : (sleep.shortAwakenings ?? []);
  for (const wake of shortWakes.length > 0 && !tilesSession() ? shortWakes : []) {
    const [from, to] = [Date.parse(wake.startTime), Date.parse(wake.endTime)];
    for (const stage of stages) {
      if (stage.type === "AWAKE" || !stageMinutes.has(stage.type)) continue;
      const overlap = Math.min(to, Date.parse(stage.endTime)) - Math.max(from, Date.parse(stage.startTime));
      if (overlap <= 0) continue;
      stageMinutes.set(stage.type, stageMinutes.get(stage.type)! - overlap / 60_000);
      stageMinutes.set("AWAKE", (stageMinutes.get("AWAKE") ?? 0) + overlap / 60_000);
    }
  }
  // Stages that tile the whole session (Google: "contiguous, cover the period") give exact
  // seconds; minutes are then rounded as Fitbit rounded them, summing exactly to the time in bed.
  const periodMinutes = Math.round((endMs - startMs) / 60_000);
  const covered = stages.reduce((sum, st) => sum + Date.parse(st.endTime) - Date.parse(st.startTime), 0);
  if (!classic && stages.length > 0 && covered === endMs - startMs) {
    const seconds = new Map<string, number>();
    for (const st of stages)
      seconds.set(st.type, (seconds.get(st.type) ?? 0) + (Date.parse(st.endTime) - Date.parse(st.startTime)) / 1000);
    for (const wake of shortWakes)
      for (const st of stages) {
        if (st.type === "AWAKE") continue;
        const overlap =
          (Math.min(Date.parse(wake.endTime), Date.parse(st.endTime)) - Math.max(Date.parse(wake.startTime), Date.parse(st.startTime))) / 1000;
        if (overlap <= 0) continue;
        seconds.set(st.type, seconds.get(st.type)! - overlap);
        seconds.set("AWAKE", (seconds.get("AWAKE") ?? 0) + overlap);
      }
    const order = ["DEEP", "LIGHT", "REM", "AWAKE"];
    let assigned = 0;
    for (const type of order) {
      const whole = Math.floor((seconds.get(type) ?? 0) / 60);
      stageMinutes.set(type, whole);
      assigned += whole;
    }
    for (const type of order)
      if (assigned < periodMinutes && Math.round((seconds.get(type) ?? 0) / 30) % 2 === 1) {
        stageMinutes.set(type, stageMinutes.get(type)! + 1);
        assigned++;
      }
  }
  const minutes = (type: string) => (stageMinutes.has(type) ? Math.round(stageMinutes.get(type)!) : 0);
  const toLevel = (entry: { startTime: string; endTime: string; startUtcOffset?: number; type?: string }, level: string): LevelEntry => ({
    dateTime: wallTime(entry.startTime, entry.startUtcOffset ?? startOffset),
    level,
    seconds: Math.round((Date.parse(entry.endTime) - Date.parse(entry.startTime)) / 1000),
  });
  const summary = sleep.summary ?? {};
  const timeInBed = summary.minutesInSleepPeriod ?? Math.round((endMs - startMs) / 60_000);
  const asleep =
    shortWakes.length > 0 || summary.minutesAsleep === undefined
      ? classic
        ? minutes("ASLEEP")
        : minutes("LIGHT") + minutes("DEEP") + minutes("REM")
      : summary.minutesAsleep;
  return {
    providerLogId: id,
    dateOfSleep: dateColumn(wallTime(interval.endTime, endOffset).slice(0, 10)),
    startLocal: wallTime(interval.startTime, startOffset),
    endLocal: wallTime(interval.endTime, endOffset),
    startAt: new Date(startMs),
    endAt: new Date(endMs),
    startUtcOffsetMin: Math.round(startOffset / 60),
    endUtcOffsetMin: Math.round(endOffset / 60),
    durationMs: endMs - startMs,
    isMainSleep: sleep.metadata?.mainSleep === true,
    type: classic ? "CLASSIC" : "STAGES",
    logType: sleep.metadata?.manuallyEdited ? "manual" : "auto_detected",
    infoCode: 0,
    efficiency: timeInBed > 0 ? Math.round((asleep / timeInBed) * 100) : 0,
    minutesAsleep: asleep,
    minutesAwake: shortWakes.length > 0 ? minutes("AWAKE") : (summary.minutesAwake ?? minutes("AWAKE")),
    minutesToFallAsleep: summary.minutesToFallAsleep ?? 0,
    minutesAfterWakeup: summary.minutesAfterWakeUp ?? 0,
    timeInBed,
    deepMinutes: classic ? null : minutes("DEEP"),
    lightMinutes: classic ? null : minutes("LIGHT"),
    remMinutes: classic ? null : minutes("REM"),
    wakeMinutes: classic ? null : minutes("AWAKE"),
    asleepMinutes: classic ? minutes("ASLEEP") : null,
    restlessMinutes: classic ? minutes("RESTLESS") : null,
    awakeMinutes: classic ? minutes("AWAKE") : null,
    thirtyDayAvgMinutes: null,
    levels: {
      data: stages.flatMap((stage) => (levelOf[stage.type] ? [toLevel(stage, levelOf[stage.type]!)] : [])),
      // Short wakes (< 3 min) inside stage sessions, as Fitbit's `shortData`.
      shortData: classic ? [] : (sleep.shortAwakenings ?? []).map((wake) => toLevel(wake, "wake")),
    },
  };
}

export function normalizeDailyHrv(points: z.infer<typeof dailyHrvSchema>[]): HrvDailyRow[] {
  return points.flatMap((p) =>
    p.averageHeartRateVariabilityMilliseconds === undefined
      ? []
      : [
          {
            date: dateColumn(civilDay(p.date)),
            dailyRmssd: p.averageHeartRateVariabilityMilliseconds,
            deepRmssd: p.deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds ?? null,
          },
        ],
  );
}

export interface SleepSpan {
  day: string;
  startMs: number;
  endMs: number;
}

/**
 * 5-minute HRV samples → one row per night: a sample belongs to the night (wake date) of the
 * sleep session that contains it, so day sleepers and DST nights are dated as the Fitbit path
 * dates them. Samples outside every known session are left out.
 */
export function normalizeHrvSamples(points: z.infer<typeof hrvSampleSchema>[], sessions: SleepSpan[]): HrvIntradayRow[] {
  const byDay = new Map<string, { at: number; reading: HrvReading }[]>();
  for (const p of points) {
    const rmssd = p.rootMeanSquareOfSuccessiveDifferencesMilliseconds;
    if (rmssd === undefined) continue;
    const at = Date.parse(p.sampleTime.physicalTime);
    const session = sessions.find((s) => at >= s.startMs && at <= s.endMs);
    if (!session) continue;
    const meta = (p as { metadata?: { highFrequencyPower?: unknown; lowFrequencyPower?: unknown } }).metadata;
    const reading: HrvReading = {
      minute: wallTime(p.sampleTime.physicalTime, p.sampleTime.utcOffset ?? 0),
      rmssd,
      coverage: null,
      hf: typeof meta?.highFrequencyPower === "number" ? meta.highFrequencyPower : null,
      lf: typeof meta?.lowFrequencyPower === "number" ? meta.lowFrequencyPower : null,
    };
    byDay.set(session.day, [...(byDay.get(session.day) ?? []), { at, reading }]);
  }
  return [...byDay.entries()].map(([day, readings]) => ({
    date: dateColumn(day),
    // Chronological (the list is newest first; local clock order would scramble a fall-back night).
    readings: readings.sort((a, b) => a.at - b.at).map((r) => r.reading),
  }));
}

/** Breathing rate per night from the sleep summaries (sample time = the main sleep's end). */
export function normalizeBreathing(points: z.infer<typeof respiratorySleepSummarySchema>[]): BreathingRateRow[] {
  const byDay = new Map<string, BreathingRateRow>();
  for (const p of points) {
    const day = wallTime(p.sampleTime.physicalTime, p.sampleTime.utcOffset ?? 0).slice(0, 10);
    if (byDay.has(day)) continue; // newest first: the latest summary of the day wins
    byDay.set(day, {
      date: dateColumn(day),
      fullSleep: p.fullSleepStats.breathsPerMinute ?? null,
      deepSleep: p.deepSleepStats?.breathsPerMinute ?? null,
      lightSleep: p.lightSleepStats?.breathsPerMinute ?? null,
      remSleep: p.remSleepStats?.breathsPerMinute ?? null,
    });
  }
  return [...byDay.values()];
}

const MEALS: Record<string, number> = { BREAKFAST: 1, LUNCH: 3, DINNER: 5 };

/** Google has one SNACK; Nightly's meal slots follow the clock, as Fitbit's did. */
function mealTypeId(mealType: string | undefined, localTime: string): number {
  if (mealType && MEALS[mealType]) return MEALS[mealType];
  if (mealType !== "SNACK") return 7;
  const hour = Number(localTime.slice(11, 13));
  return hour < 11 ? 2 : hour < 17 ? 4 : 6;
}

const nutrientKey = (name: string) => name.toUpperCase().replace(/[^A-Z]/g, "");

function nutrientGrams(log: GoogleNutritionLog, name: string): number | null {
  const found = (log.nutrients ?? []).find((n) => nutrientKey(n.nutrient) === name);
  return found?.quantity?.grams ?? null;
}

interface NutritionDay {
  series: NutritionSeriesRow[];
  days: { day: string; totals: FoodDayTotals; entries: FoodEntryRow[] }[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const sumOrNull = (values: (number | null)[]) =>
  values.some((v) => v !== null) ? round2(values.reduce<number>((a, v) => a + (v ?? 0), 0)) : null;

/**
 * Food and water logs of a window → the daily series (every day of the window, zero when
 * nothing was logged, as Fitbit's series is) and each logged day's entries and macro totals.
 */
export function normalizeNutrition(
  range: DayRange,
  foods: { id: string | null; log: GoogleNutritionLog }[],
  water: z.infer<typeof hydrationLogSchema>[],
  eachDay: (range: DayRange) => string[],
): NutritionDay {
  const entriesByDay = new Map<string, FoodEntryRow[]>();
  for (const { id, log } of foods) {
    const local = wallTime(log.interval.startTime, log.interval.startUtcOffset ?? 0);
    const day = local.slice(0, 10);
    if (day < range.start || day > range.end || !id) continue;
    const sodium = nutrientGrams(log, "SODIUM");
    entriesByDay.set(day, [
      ...(entriesByDay.get(day) ?? []),
      {
        providerLogId: id,
        date: dateColumn(day),
        mealTypeId: mealTypeId(log.mealType, local),
        name: log.foodDisplayName ?? "Food",
        brand: "",
        amount: 1,
        unitName: "serving",
        calories: log.energy?.kcal ?? 0,
        carbsG: log.totalCarbohydrate?.grams ?? null,
        fatG: log.totalFat?.grams ?? null,
        fiberG: nutrientGrams(log, "DIETARYFIBER"),
        proteinG: nutrientGrams(log, "PROTEIN"),
        sodiumMg: sodium === null ? null : round2(sodium * 1000),
      },
    ]);
  }
  const waterByDay = new Map<string, number>();
  for (const log of water) {
    const day = wallTime(log.interval.startTime, log.interval.startUtcOffset ?? 0).slice(0, 10);
    waterByDay.set(day, (waterByDay.get(day) ?? 0) + log.amountConsumed.milliliters);
  }
  const series = eachDay(range).map((day) => {
    const entries = entriesByDay.get(day) ?? [];
    return {
      date: dateColumn(day),
      day,
      caloriesIn: Math.round(entries.reduce((sum, e) => sum + e.calories, 0)),
      waterMl: round2(waterByDay.get(day) ?? 0),
    };
  });
  const days = [...entriesByDay.entries()].map(([day, entries]) => ({
    day,
    entries,
    totals: {
      carbsG: sumOrNull(entries.map((e) => e.carbsG)),
      fatG: sumOrNull(entries.map((e) => e.fatG)),
      fiberG: sumOrNull(entries.map((e) => e.fiberG)),
      proteinG: sumOrNull(entries.map((e) => e.proteinG)),
      sodiumMg: sumOrNull(entries.map((e) => e.sodiumMg)),
      // Google keeps no calorie goal.
      calorieGoal: null,
    },
  }));
  return { series, days };
}
