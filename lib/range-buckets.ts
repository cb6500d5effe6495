/**
 * Grouping of a long range into weeks or months (docs/decisions/0009), shared by the server
 * queries that answer grouped and by anything else that needs the same buckets. Pure: unit tested.
 */
import type { BucketStats, LongBucket, RangeBucket } from "@/lib/api-schemas/grouped";
import { addDays, dateToMs, daysBetween } from "@/lib/dates";
import { spreadOf } from "@/lib/stats";

/**
 * Up to two months are drawn night by night; 90 days and a year by week (issue 10: "90 days and
 * a year are grouped by week or month with the spread shown"); longer than 400 days by month.
 */
export const LONGEST_NIGHTLY_RANGE_DAYS = 62;
export const LONGEST_WEEKLY_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

export function bucketFor(from: string, to: string): RangeBucket {
  const days = daysBetween(from, to) + 1;
  if (days <= LONGEST_NIGHTLY_RANGE_DAYS) return "day";
  return days <= LONGEST_WEEKLY_RANGE_DAYS ? "week" : "month";
}

/** The first day of the bucket a date belongs to (weeks start on Monday). */
export function bucketStart(date: string, bucket: RangeBucket): string {
  if (bucket === "day") return date;
  if (bucket === "month") return `${date.slice(0, 8)}01`;
  const weekday = (new Date(dateToMs(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

function nextBucket(start: string, bucket: LongBucket): string {
  if (bucket === "week") return addDays(start, 7);
  const [year, month] = start.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** Every bucket start that touches from..to, oldest first (the first may begin before `from`). */
export function bucketStarts(from: string, to: string, bucket: LongBucket): string[] {
  const starts: string[] = [];
  for (let start = bucketStart(from, bucket); start <= to; start = nextBucket(start, bucket))
    starts.push(start);
  return starts;
}

const tenth = (value: number): number => Math.round(value * 10) / 10;

/** Which bucket of `starts` a date falls in, by day or month arithmetic (no Date objects per value). */
function indexer(firstStart: string, bucket: LongBucket): (date: string) => number {
  if (bucket === "week") {
    const first = dateToMs(firstStart);
    return (date) => Math.floor(Math.round((dateToMs(date) - first) / DAY_MS) / 7);
  }
  const monthOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  const first = monthOf(firstStart);
  return (date) => monthOf(date) - first;
}

/**
 * Median and interquartile range (rounded to 0.1) per bucket of from..to. `values` maps a date to
 * its value; dates outside the range and null values are ignored; a bucket without values stays
 * in the answer with count 0 and nulls, so charts draw a gap.
 */
export function groupStats(
  values: Iterable<readonly [string, number | null]>,
  from: string,
  to: string,
  bucket: LongBucket,
): BucketStats[] {
  const starts = bucketStarts(from, to, bucket);
  const lists: number[][] = starts.map(() => []);
  const indexOf = indexer(starts[0]!, bucket);
  for (const [date, value] of values) {
    if (value === null || date < from || date > to) continue;
    lists[indexOf(date)]!.push(value);
  }
  return starts.map((date, index) => {
    const spread = spreadOf(lists[index]!);
    return bucketStatsOf(
      date,
      lists[index]!.length,
      spread && [spread.p25, spread.median, spread.p75],
    );
  });
}

/**
 * One bucket from its count and unrounded quartiles [p25, median, p75], rounded as every grouped
 * answer is (also for quartiles computed in SQL by percentile_cont, the same type-7 quantile).
 */
export function bucketStatsOf(
  date: string,
  count: number,
  quartiles: readonly [number, number, number] | null,
): BucketStats {
  if (count === 0 || !quartiles) return { date, count: 0, median: null, p25: null, p75: null };
  return {
    date,
    count,
    median: tenth(quartiles[1]),
    p25: tenth(quartiles[0]),
    p75: tenth(quartiles[2]),
  };
}
