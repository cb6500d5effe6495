/**
 * Sleep logs → SleepLog rows. A night is its `dateOfSleep` (the wake date, §5.3); naps and split
 * nights are separate rows of the same date, told apart by `isMainSleep`.
 */
import type { FitbitSleepLog } from "@/lib/providers/fitbit/payloads/sleep";
import { dateColumn, localToInstant, type PersonZone } from "@/lib/providers/local-time";
import type { LevelEntry, SleepLogRow } from "@/lib/providers/model";

const pickLevel = (entries: LevelEntry[]): LevelEntry[] =>
  entries.map(({ dateTime, level, seconds }) => ({ dateTime, level, seconds }));

export function normalizeSleepLog(log: FitbitSleepLog, zone: PersonZone): SleepLogRow {
  const summary = log.levels.summary;
  const minutes = (level: string) => summary[level]?.minutes ?? null;
  const stages = log.type === "stages";
  const start = localToInstant(log.startTime, zone);
  // `duration` is real elapsed time, so start + duration is the right end even across a DST
  // change; the end's offset is then what makes the sent local end time true.
  const endAtMs = start.at.getTime() + log.duration;
  const endWall = localToInstant(log.endTime, { timezone: null, utcOffsetMs: 0 }).at.getTime();
  const thirty = (level: string) => summary[level]?.thirtyDayAvgMinutes ?? 0;
  return {
    providerLogId: String(log.logId),
    dateOfSleep: dateColumn(log.dateOfSleep),
    startLocal: log.startTime,
    endLocal: log.endTime,
    startAt: start.at,
    endAt: new Date(endAtMs),
    startUtcOffsetMin: start.utcOffsetMin,
    endUtcOffsetMin: Math.round((endWall - endAtMs) / 60_000),
    durationMs: log.duration,
    isMainSleep: log.isMainSleep,
    type: stages ? "STAGES" : "CLASSIC",
    logType: log.logType,
    infoCode: log.infoCode,
    efficiency: log.efficiency,
    minutesAsleep: log.minutesAsleep,
    minutesAwake: log.minutesAwake,
    minutesToFallAsleep: log.minutesToFallAsleep,
    minutesAfterWakeup: log.minutesAfterWakeup,
    timeInBed: log.timeInBed,
    deepMinutes: stages ? minutes("deep") : null,
    lightMinutes: stages ? minutes("light") : null,
    remMinutes: stages ? minutes("rem") : null,
    wakeMinutes: stages ? minutes("wake") : null,
    asleepMinutes: stages ? null : minutes("asleep"),
    restlessMinutes: stages ? null : minutes("restless"),
    awakeMinutes: stages ? null : minutes("awake"),
    thirtyDayAvgMinutes: stages
      ? { deep: thirty("deep"), light: thirty("light"), rem: thirty("rem"), wake: thirty("wake") }
      : null,
    levels: { data: pickLevel(log.levels.data), shortData: pickLevel(log.levels.shortData ?? []) },
  };
}

/** All logs of a response; a pending response (`meta` only) simply has none yet. */
export function normalizeSleepLogs(
  logs: FitbitSleepLog[] | undefined,
  zone: PersonZone,
): SleepLogRow[] {
  return (logs ?? []).map((log) => normalizeSleepLog(log, zone));
}

export type { SleepLogRow };
