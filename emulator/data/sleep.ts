/**
 * Sleep logs in Fitbit's v1.2 shape (reference §5.2–§5.5), built from planned episodes.
 *
 * DST representation (UNCONFIRMED how Fitbit itself does it; this is our documented choice):
 * - `duration` is the real elapsed time in ms, and `timeInBed` = duration in minutes, so the §5.3
 *   equations hold on every night. A 23:00→07:00 spring-forward night lasts 7 h; a fall-back
 *   night 23:00→07:00 lasts 9 h.
 * - `levels.data` segments are consecutive in real time: each starts exactly where the previous
 *   one ended (`seconds` is real elapsed seconds, and they sum to duration/1000).
 * - Every `dateTime`, `startTime` and `endTime` is the local wall-clock reading at that instant,
 *   with no offset (§13). So on a spring-forward night the wall clock inside one segment jumps
 *   from 01:59:59 to 03:00:00 (the next dateTime is an hour "later" than start + seconds), and on
 *   a fall-back night the 01:00–02:00 hour appears twice: a dateTime can read earlier than the
 *   previous one. Reading the strings back into instants therefore needs the time zone and the
 *   rule "each segment starts at or after the previous one" (see the tests).
 * - All zones the demo uses shift by whole hours, so 30-s alignment holds on both clocks.
 */
import type { DemoPerson } from "../types";
import { classicTimeline, shortWakes, stagesTimeline, type Seg, type ShortWake } from "./hypnogram";
import { rngFor } from "./prng";
import type {
  ClassicSleepLog,
  LevelEntry,
  SleepDaySummary,
  SleepLog,
  StageLevel,
  StagesSleepLog,
} from "./shapes";
import type { Episode } from "./sleep-plan";
import { formatDay, formatLocal, MS_PER_MIN, utcToLocal } from "./time";

export const STAGE_LEVELS: readonly StageLevel[] = ["deep", "light", "rem", "wake"];

/** A served log plus what other generators need (HRV windows follow the stage timeline). */
export interface GeneratedLog {
  log: SleepLog;
  episode: Episode;
  /** Stage segments as instants (stages logs only; empty for classic). */
  segments: { level: StageLevel; startUtc: number; seconds: number }[];
  /** Brief wakes (`shortData`) as instants, for the Google view of the same night. */
  shortWakes: { startUtc: number; seconds: number }[];
}

/** Sleep logIds: ~2.6e10 (§0), increasing with the date like Fitbit's, unique per person/day/index. */
export function sleepLogId(person: DemoPerson, day: number, index: number): number {
  return 20_000_000_000 + day * 300_000 + (person.seed % 300) * 1000 + index;
}

export function buildLog(
  person: DemoPerson,
  day: number,
  index: number,
  ep: Episode,
): GeneratedLog {
  const rng = rngFor(person.seed, `sleep-log-${index}`, day);
  const minutes = (ep.endUtc - ep.startUtc) / MS_PER_MIN;
  const local = (utc: number) => formatLocal(utcToLocal(person.timezone, utc));
  const base = {
    dateOfSleep: formatDay(day),
    duration: ep.endUtc - ep.startUtc,
    endTime: local(ep.endUtc),
    infoCode: ep.infoCode,
    isMainSleep: false, // decided per date by the caller
    logId: sleepLogId(person, day, index),
    logType: ep.logType,
    minutesAfterWakeup: 0,
    minutesToFallAsleep: 0, // "generally 0 for auto-detected logs" (§5.3)
    startTime: local(ep.startUtc),
    timeInBed: minutes,
  };

  if (ep.type === "classic") {
    const segs = classicTimeline(rng, minutes, ep.quality);
    const data = toEntries(segs, 60, ep.startUtc, local);
    const m = { asleep: 0, restless: 0, awake: 0 };
    const c = { asleep: 0, restless: 0, awake: 0 };
    for (const s of segs) {
      m[s.level] += s.units;
      c[s.level] += 1;
    }
    const minutesAwake = m.restless + m.awake; // ≈ awake + restless (§5.3, UNCONFIRMED)
    const log: ClassicSleepLog = {
      dateOfSleep: base.dateOfSleep,
      duration: base.duration,
      efficiency: Math.round((100 * m.asleep) / minutes),
      endTime: base.endTime,
      infoCode: base.infoCode,
      isMainSleep: base.isMainSleep,
      levels: {
        data,
        // Real classic summaries report asleep.count 0 (RAPIDS capture, §5.5).
        summary: {
          asleep: { count: 0, minutes: m.asleep },
          awake: { count: c.awake, minutes: m.awake },
          restless: { count: c.restless, minutes: m.restless },
        },
      },
      logId: base.logId,
      logType: base.logType,
      minutesAfterWakeup: base.minutesAfterWakeup,
      minutesAsleep: m.asleep,
      minutesAwake,
      minutesToFallAsleep: base.minutesToFallAsleep,
      startTime: base.startTime,
      timeInBed: base.timeInBed,
      type: "classic",
    };
    return { log, episode: ep, segments: [], shortWakes: [] };
  }

  const segs = stagesTimeline(rng, minutes * 2, ep.quality);
  const shorts = shortWakes(rng, segs, ep.quality);
  const data = toEntries(segs, 30, ep.startUtc, local);
  const shortData: LevelEntry<"wake">[] = shorts.map((w) => ({
    dateTime: local(ep.startUtc + w.start * 30_000),
    level: "wake",
    seconds: w.units * 30,
  }));
  const { minutes: stageMin, counts } = stageTotals(segs, shorts, minutes);
  const dataWakeMin = segs.filter((s) => s.level === "wake").reduce((a, s) => a + s.units, 0) / 2;
  const summaryEntry = (l: StageLevel) => ({
    count: counts[l],
    minutes: stageMin[l],
    thirtyDayAvgMinutes: 0,
  });
  const log: StagesSleepLog = {
    dateOfSleep: base.dateOfSleep,
    duration: base.duration,
    // Fitbit says to ignore efficiency on stages logs; the docs example (96 with 78 min awake)
    // suggests brief wakes don't count, so only the data wake segments lower it (UNCONFIRMED).
    efficiency: Math.round((100 * (minutes - dataWakeMin)) / minutes),
    endTime: base.endTime,
    infoCode: base.infoCode,
    isMainSleep: base.isMainSleep,
    levels: {
      data,
      shortData,
      summary: {
        deep: summaryEntry("deep"),
        light: summaryEntry("light"),
        rem: summaryEntry("rem"),
        wake: summaryEntry("wake"),
      },
    },
    logId: base.logId,
    logType: base.logType,
    minutesAfterWakeup: base.minutesAfterWakeup,
    minutesAsleep: stageMin.deep + stageMin.light + stageMin.rem,
    minutesAwake: stageMin.wake,
    minutesToFallAsleep: base.minutesToFallAsleep,
    startTime: base.startTime,
    timeInBed: base.timeInBed,
    type: "stages",
  };
  let cursor = ep.startUtc;
  const segments = segs.map((s) => {
    const out = { level: s.level, startUtc: cursor, seconds: s.units * 30 };
    cursor += s.units * 30_000;
    return out;
  });
  const shortWakesUtc = shorts.map((w) => ({
    startUtc: ep.startUtc + w.start * 30_000,
    seconds: w.units * 30,
  }));
  return { log, episode: ep, segments, shortWakes: shortWakesUtc };
}

function toEntries<L extends string>(
  segs: Seg<L>[],
  unitSeconds: number,
  startUtc: number,
  local: (utc: number) => string,
): LevelEntry<L>[] {
  let cursor = startUtc;
  return segs.map((s) => {
    const e = { dateTime: local(cursor), level: s.level, seconds: s.units * unitSeconds };
    cursor += e.seconds * 1000;
    return e;
  });
}

/**
 * Stage minutes and counts for `levels.summary`. Brief wakes are carved out of the stage they
 * overlay and counted as wake (inference in §5.3: the docs example has 30 wakes but few wake
 * segments, and its four stage minutes sum to timeInBed). Half minutes are rounded so that the
 * four values still sum exactly to timeInBed (largest remainder, ties in level order).
 */
function stageTotals(segs: Seg<StageLevel>[], shorts: ShortWake[], timeInBed: number) {
  const units: Record<StageLevel, number> = { deep: 0, light: 0, rem: 0, wake: 0 };
  const counts: Record<StageLevel, number> = { deep: 0, light: 0, rem: 0, wake: 0 };
  for (const s of segs) {
    units[s.level] += s.units;
    counts[s.level] += 1;
  }
  let pos = 0;
  let i = 0;
  for (const s of segs) {
    const end = pos + s.units;
    while (i < shorts.length && (shorts[i]?.start ?? Infinity) < end) {
      const w = shorts[i] as ShortWake;
      units[s.level] -= w.units;
      units.wake += w.units;
      counts.wake += 1;
      i++;
    }
    pos = end;
  }
  const minutes: Record<StageLevel, number> = { deep: 0, light: 0, rem: 0, wake: 0 };
  let assigned = 0;
  for (const l of STAGE_LEVELS) {
    minutes[l] = Math.floor(units[l] / 2);
    assigned += minutes[l];
  }
  for (const l of STAGE_LEVELS) {
    if (assigned < timeInBed && units[l] % 2 === 1) {
      minutes[l] += 1;
      assigned += 1;
    }
  }
  return { minutes, counts };
}

/** `isMainSleep`: the longest log of the date (earliest wins a tie). */
export function markMainSleep(logs: GeneratedLog[]): void {
  let main: GeneratedLog | undefined;
  for (const g of logs) if (!main || g.log.duration > main.log.duration) main = g;
  for (const g of logs) g.log.isMainSleep = g === main;
}

/** Day `summary` (§5.2/§5.3/§5.6): totals over all logs, `stages` over stages logs only and
 * absent when there are none (the empty-day shape has no `stages` key). */
export function daySummary(logs: SleepLog[]): SleepDaySummary {
  const summary: SleepDaySummary = {
    totalMinutesAsleep: 0,
    totalSleepRecords: logs.length,
    totalTimeInBed: 0,
  };
  let stages: Record<StageLevel, number> | undefined;
  for (const log of logs) {
    summary.totalMinutesAsleep += log.minutesAsleep;
    summary.totalTimeInBed += log.timeInBed;
    if (log.type === "stages") {
      stages ??= { deep: 0, light: 0, rem: 0, wake: 0 };
      for (const l of STAGE_LEVELS) stages[l] += log.levels.summary[l].minutes;
    }
  }
  return stages ? { stages, ...summary } : summary;
}
