import "server-only";
import type { SleepGroupedResult, SleepRangeResult } from "@/lib/api-schemas/sleep";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { fromDbDate } from "@/lib/dates";
import { bucketFor, groupStats } from "@/lib/range-buckets";
import { getSleepNights, loadLogs, mainOf, type LogRow } from "./sleep-nights";

/**
 * The Sleep page's range: night by night up to 62 days (getSleepNights, unchanged); longer ranges
 * as weekly or monthly medians and IQR of each series, computed here so a year's page and API
 * answer carry 53 rows instead of 365 nights (and no 30-day rolling means nobody draws).
 */
export async function getSleepRange(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<SleepRangeResult> {
  const range = scopeRead(subject, "sleep", requested);
  const bucket = bucketFor(range.from, range.to);
  if (bucket === "day") return { bucket, ...(await getSleepNights(subject, requested)) };

  const byDate = new Map<string, LogRow[]>();
  for (const log of await loadLogs(range.userId, range.from, range.to)) {
    const date = fromDbDate(log.dateOfSleep);
    const night = byDate.get(date);
    if (night) night.push(log);
    else byDate.set(date, [log]);
  }
  const nights = [...byDate].map(([date, logs]) => {
    const main = mainOf(logs);
    return { date, main, naps: logs.filter((log) => log !== main) };
  });
  const series = (value: (main: LogRow | undefined, naps: LogRow[]) => number | null | undefined) =>
    groupStats(
      nights.map((night) => [night.date, value(night.main, night.naps) ?? null] as const),
      range.from,
      range.to,
      bucket,
    );
  const stage = (key: "deepMinutes" | "lightMinutes" | "remMinutes" | "wakeMinutes") => series((main) => (main?.type === "STAGES" ? main[key] : null));
  // A night "has data" as on the nightly page: it has a main sleep (mainOf never misses one when there are logs).
  const datesWithData = [...byDate.keys()];
  const result: SleepGroupedResult = {
    bucket,
    from: range.from,
    to: range.to,
    datesWithData,
    nightCount: datesWithData.length,
    latestNight: datesWithData.at(-1) ?? null,
    series: {
      asleep: series((main) => main?.minutesAsleep),
      naps: series((_, naps) => (naps.length > 0 ? naps.reduce((sum, log) => sum + log.minutesAsleep, 0) : null)),
      deep: stage("deepMinutes"),
      light: stage("lightMinutes"),
      rem: stage("remMinutes"),
      wake: stage("wakeMinutes"),
    },
  };
  return result;
}
