import "server-only";
import type { BreathingGroupedResult, BreathingRangeResult } from "@/lib/api-schemas/breathing";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { fromDbDate, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { bucketFor, groupStats } from "@/lib/range-buckets";
import { round } from "@/lib/units";
import { getBreathing } from "./breathing";

/**
 * The Breathing page's range: night by night up to 62 days (getBreathing, unchanged); longer
 * ranges as weekly or monthly median and IQR of the full-sleep rate. The chosen night's rates by
 * stage then come from getBreathingNight.
 */
export async function getBreathingRange(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<BreathingRangeResult> {
  const range = scopeRead(subject, "breathing", requested);
  const bucket = bucketFor(range.from, range.to);
  if (bucket === "day") return { bucket, ...(await getBreathing(subject, requested)) };

  const stored = await db.breathingRateDaily.findMany({
    where: { userId: range.userId, date: { gte: toDbDate(range.from), lte: toDbDate(range.to) } },
    orderBy: { date: "asc" },
    select: { provider: true, date: true, fullSleep: true, deepSleep: true, lightSleep: true, remSleep: true },
  });
  const rows = onePerKey(stored, (row) => fromDbDate(row.date));
  const has = (value: number | null) => round(value) !== null;
  const latest = rows.filter((row) => has(row.fullSleep) || has(row.deepSleep) || has(row.lightSleep) || has(row.remSleep)).at(-1);
  const result: BreathingGroupedResult = {
    bucket,
    from: range.from,
    to: range.to,
    // The picker lists the nights the by-stage chart can show, as on the nightly page.
    datesWithData: rows.filter((row) => has(row.fullSleep) || has(row.deepSleep)).map((row) => fromDbDate(row.date)),
    dayCount: rows.filter((row) => has(row.fullSleep) || has(row.deepSleep) || has(row.lightSleep) || has(row.remSleep)).length,
    latestNight: latest ? fromDbDate(latest.date) : null,
    series: { full: groupStats(rows.map((row) => [fromDbDate(row.date), round(row.fullSleep)] as const), range.from, range.to, bucket) },
  };
  return result;
}
