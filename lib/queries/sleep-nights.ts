import "server-only";
import { lookBackFrom, scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import type { SleepNightRow, SleepNightsResult } from "@/lib/api-schemas/sleep";
import type { DateRange } from "@/lib/api-schemas/range";
import { addDays, fromDbDate, gapFill, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { round } from "@/lib/units";
import { rollingMean } from "./rolling";

const AVG_WINDOW_DAYS = 30;

type LogRow = Awaited<ReturnType<typeof loadLogs>>[number];

/** The person's sleep logs of from..to, one provider per night. */
async function loadLogs(userId: string, from: string, to: string) {
  const logs = await db.sleepLog.findMany({
    where: { userId, dateOfSleep: { gte: toDbDate(from), lte: toDbDate(to) } },
    orderBy: [{ dateOfSleep: "asc" }, { startAt: "asc" }],
    select: {
      provider: true,
      dateOfSleep: true,
      isMainSleep: true,
      type: true,
      minutesAsleep: true,
      timeInBed: true,
      efficiency: true,
      durationMs: true,
      deepMinutes: true,
      lightMinutes: true,
      remMinutes: true,
      wakeMinutes: true,
      asleepMinutes: true,
      restlessMinutes: true,
      awakeMinutes: true,
    },
  });
  // One provider per night (lib/providers/precedence.ts): a night is never counted twice.
  return onePerKey(logs, (log) => fromDbDate(log.dateOfSleep));
}

/** The night's main sleep: the flagged one, else the longest (defensive against odd data). */
function mainOf(logs: LogRow[]): LogRow | undefined {
  return logs.find((log) => log.isMainSleep) ?? [...logs].sort((a, b) => b.durationMs - a.durationMs)[0];
}

function efficiencyOf(log: LogRow): number {
  return log.timeInBed > 0 ? Math.round((log.minutesAsleep / log.timeInBed) * 100) : log.efficiency;
}

type StageKey = "deepMinutes" | "lightMinutes" | "remMinutes" | "wakeMinutes";

/**
 * Nights in the range, one row per calendar date (wake date), with main sleep and naps kept
 * apart and 30-day rolling means of stage minutes (from the stored nights, including the 29 days
 * before `from`).
 */
export async function getSleepNights(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<SleepNightsResult> {
  const range = scopeRead(subject, "sleep", requested);
  const logs = await loadLogs(range.userId, lookBackFrom(range, addDays(range.from, -(AVG_WINDOW_DAYS - 1))), range.to);
  const byDate = new Map<string, LogRow[]>();
  for (const log of logs) {
    const date = fromDbDate(log.dateOfSleep);
    byDate.set(date, [...(byDate.get(date) ?? []), log]);
  }
  const stageSeries = (key: StageKey) => {
    const series = new Map<string, number>();
    for (const [date, night] of byDate) {
      const main = mainOf(night);
      const value = main?.type === "STAGES" ? main[key] : null;
      if (value !== null && value !== undefined) series.set(date, value);
    }
    return series;
  };
  const deep = stageSeries("deepMinutes");
  const light = stageSeries("lightMinutes");
  const rem = stageSeries("remMinutes");
  const wake = stageSeries("wakeMinutes");

  const nights = gapFill(range.from, range.to, byDate, (date, night): SleepNightRow => {
    const main = night ? mainOf(night) : undefined;
    const naps = night?.filter((log) => log !== main) ?? [];
    const napMinutes = naps.length > 0 ? naps.reduce((sum, log) => sum + log.minutesAsleep, 0) : null;
    const stages = main?.type === "STAGES";
    const classic = main?.type === "CLASSIC";
    return {
      date,
      type: main ? (stages ? "stages" : "classic") : null,
      deep: stages ? (main.deepMinutes ?? null) : null,
      light: stages ? (main.lightMinutes ?? null) : null,
      rem: stages ? (main.remMinutes ?? null) : null,
      wake: stages ? (main.wakeMinutes ?? null) : null,
      asleep: classic ? (main.asleepMinutes ?? null) : null,
      restless: classic ? (main.restlessMinutes ?? null) : null,
      awake: classic ? (main.awakeMinutes ?? null) : null,
      minutesAsleep: main?.minutesAsleep ?? null,
      timeInBed: main?.timeInBed ?? null,
      efficiency: main ? efficiencyOf(main) : null,
      napCount: naps.length,
      napMinutesAsleep: napMinutes,
      totalMinutesAsleep: main ? main.minutesAsleep + (napMinutes ?? 0) : null,
      avgDeep: round(rollingMean(deep, date, AVG_WINDOW_DAYS), 0),
      avgLight: round(rollingMean(light, date, AVG_WINDOW_DAYS), 0),
      avgRem: round(rollingMean(rem, date, AVG_WINDOW_DAYS), 0),
      avgWake: round(rollingMean(wake, date, AVG_WINDOW_DAYS), 0),
    };
  });
  const withData = nights.filter((night) => night.type !== null);
  return {
    from: range.from,
    to: range.to,
    nights,
    nightCount: withData.length,
    latestNight: withData.at(-1)?.date ?? null,
  };
}
