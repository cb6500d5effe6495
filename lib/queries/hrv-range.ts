import "server-only";
import type { HrvGroupedResult, HrvRangeResult } from "@/lib/api-schemas/hrv";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { fromDbDate, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { bucketFor, groupStats } from "@/lib/range-buckets";
import { round } from "@/lib/units";
import { getHrv } from "./hrv";

/**
 * The HRV page's range: night by night up to 62 days (getHrv, unchanged); longer ranges as weekly
 * or monthly median and IQR of nightly RMSSD (no per-night baseline band, which only the nightly
 * chart draws).
 */
export async function getHrvRange(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<HrvRangeResult> {
  const range = scopeRead(subject, "hrv", requested);
  const bucket = bucketFor(range.from, range.to);
  if (bucket === "day") return { bucket, ...(await getHrv(subject, requested)) };

  const stored = await db.hrvDaily.findMany({
    where: { userId: range.userId, date: { gte: toDbDate(range.from), lte: toDbDate(range.to) } },
    orderBy: { date: "asc" },
    select: { provider: true, date: true, dailyRmssd: true },
  });
  const nights = onePerKey(stored, (row) => fromDbDate(row.date)).map((row) => [fromDbDate(row.date), round(row.dailyRmssd)] as const);
  const datesWithData = nights.flatMap(([date, value]) => (value === null ? [] : [date]));
  const result: HrvGroupedResult = {
    bucket,
    from: range.from,
    to: range.to,
    datesWithData,
    dayCount: datesWithData.length,
    latestNight: datesWithData.at(-1) ?? null,
    series: { dailyRmssd: groupStats(nights, range.from, range.to, bucket) },
  };
  return result;
}
