import "server-only";
import type { SleepGroupedResult, SleepRangeResult } from "@/lib/api-schemas/sleep";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { bucketFor } from "@/lib/range-buckets";
import { loadSleepBuckets } from "./sleep-buckets";
import { getSleepNights } from "./sleep-nights";

/**
 * The Sleep page's range: night by night up to 62 days (getSleepNights, unchanged); longer ranges
 * as weekly or monthly medians and IQR of each series, grouped in PostgreSQL (sleep-buckets.ts)
 * so a year's page and API answer carry 53 rows instead of 365 nights (and no 30-day rolling
 * means nobody draws), and the server reads 53 rows, not 365 logs.
 */
export async function getSleepRange(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<SleepRangeResult> {
  const range = scopeRead(subject, "sleep", requested);
  const bucket = bucketFor(range.from, range.to);
  if (bucket === "day") return { bucket, ...(await getSleepNights(subject, requested)) };

  const { nights, series } = await loadSleepBuckets(range.userId, range.from, range.to, bucket);
  // A night "has data" as on the nightly page: it has a main sleep (every night with logs has one).
  const result: SleepGroupedResult = {
    bucket,
    from: range.from,
    to: range.to,
    datesWithData: nights,
    nightCount: nights.length,
    latestNight: nights.at(-1) ?? null,
    series,
  };
  return result;
}
