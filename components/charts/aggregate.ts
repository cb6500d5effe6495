/**
 * Long ranges are read as weeks or months, never as 365 thin bars: each bucket carries the median
 * and interquartile range of its nights. The server groups (lib/range-buckets.ts, sent as
 * BucketStats); this turns its buckets into chart rows with a label and a band. Pure (unit tested).
 */
import type { BucketStats, RangeBucket } from "@/lib/api-schemas/grouped";
import { formatterFor } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";

export { bucketFor, bucketStart } from "@/lib/range-buckets";
export type Bucket = RangeBucket;

/** "Week of 24 Nov 2026", "November 2026" in `locale` (charts relabel at render time in the person's locale). */
export function bucketLabel(start: string, bucket: Bucket, locale: string = DEFAULT_LOCALE): string {
  return formatterFor(locale).bucket(start, bucket);
}

export interface GroupedPoint extends BucketStats {
  label: string;
  /** [p25, p75] for a band (null when empty). */
  band: [number, number] | null;
}

/**
 * The server's buckets as chart rows: a label (`label`, e.g. in the person's locale) and the
 * [p25, p75] band; `scale` converts the unit (e.g. 1/60 for minutes drawn as hours, rounded to
 * 0.1). Empty buckets stay gaps.
 */
export function toGroupedPoints(
  periods: readonly BucketStats[],
  bucket: Bucket,
  scale = 1,
  label: (start: string) => string = (start) => bucketLabel(start, bucket),
): GroupedPoint[] {
  const scaled = (value: number | null) => (value === null ? null : scale === 1 ? value : Math.round((value * scale) * 10) / 10);
  return periods.map((period) => {
    const [median, p25, p75] = [scaled(period.median), scaled(period.p25), scaled(period.p75)];
    return {
      date: period.date,
      label: label(period.date),
      count: period.count,
      median,
      p25,
      p75,
      band: p25 !== null && p75 !== null ? [p25, p75] : null,
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
