/**
 * Long ranges are read as weeks or months, never as 365 thin bars: each bucket carries the median
 * and interquartile range of its nights. Pure (unit tested); charts get plain rows.
 */
import { addDays, dateToMs, daysBetween } from "@/lib/dates";
import { formatterFor } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";
import { spreadOf } from "@/lib/stats";

export type Bucket = "day" | "week" | "month";

/**
 * Up to two months are drawn night by night; 90 days and a year by week (issue 10: "90 days and
 * a year are grouped by week or month with the spread shown"); longer than 400 days by month.
 */
export const LONGEST_DAILY_RANGE = 62;

export function bucketFor(from: string, to: string): Bucket {
  const days = daysBetween(from, to) + 1;
  if (days <= LONGEST_DAILY_RANGE) return "day";
  return days <= 400 ? "week" : "month";
}

/** The first day of the bucket a date belongs to (weeks start on Monday). */
export function bucketStart(date: string, bucket: Bucket): string {
  if (bucket === "day") return date;
  if (bucket === "month") return `${date.slice(0, 8)}01`;
  const weekday = (new Date(dateToMs(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** "Week of 24 Nov 2026", "November 2026" in `locale` (charts relabel at render time in the person's locale). */
export function bucketLabel(start: string, bucket: Bucket, locale: string = DEFAULT_LOCALE): string {
  return formatterFor(locale).bucket(start, bucket);
}

export interface GroupedPoint {
  /** First day of the bucket (yyyy-MM-dd). */
  date: string;
  label: string;
  /** Nights with a value in the bucket. */
  count: number;
  median: number | null;
  p25: number | null;
  p75: number | null;
  /** [p25, p75] for a band (null when empty). */
  band: [number, number] | null;
}

/** Groups dated values into buckets with median and IQR; empty buckets stay as gaps. */
export function groupByBucket(points: readonly { date: string; value: number | null }[], bucket: Bucket): GroupedPoint[] {
  const groups = new Map<string, number[]>();
  for (const point of points) {
    const start = bucketStart(point.date, bucket);
    const values = groups.get(start) ?? [];
    if (point.value !== null) values.push(point.value);
    groups.set(start, values);
  }
  return [...groups.entries()].map(([date, values]) => {
    const spread = spreadOf(values);
    const r = (value: number | undefined) => (value === undefined ? null : Math.round(value * 10) / 10);
    return {
      date,
      label: bucketLabel(date, bucket),
      count: values.length,
      median: r(spread?.median),
      p25: r(spread?.p25),
      p75: r(spread?.p75),
      band: spread ? [r(spread.p25)!, r(spread.p75)!] : null,
    };
  });
}

/** At most `max` points per series: evenly thinned, always keeping the last one. */
export function capPoints<T>(points: readonly T[], max = 2000): T[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  const out = Array.from({ length: max - 1 }, (_, index) => points[Math.floor(index * step)]!);
  out.push(points.at(-1)!);
  return out;
}
