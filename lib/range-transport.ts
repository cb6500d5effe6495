/**
 * How a grouped range answer travels from a dashboard page (server) to its client view. Next
 * writes a client component's props into the HTML twice (the rendered markup and the RSC payload),
 * and a year's answer as the API sends it is mostly repetition: 53 `{date, count, median, p25,
 * p75}` objects per series, each repeating the same bucket dates, and ~365 ISO dates for the
 * night picker. Packed, the bucket dates are implied by from/to/bucket (lib/range-buckets.ts),
 * each series is one flat array, and the dates with data are one character per day. The view
 * unpacks it into exactly the API's shape (round trip tested), so the charts, the react-query
 * cache and GET /api/me/* keep one type. A night-by-night answer (≤ 62 days) passes unchanged.
 */
import type { BucketStats, GroupedRangeBase, RangeBucket } from "@/lib/api-schemas/grouped";
import { addDays, daysBetween } from "@/lib/dates";
import { bucketStarts } from "@/lib/range-buckets";

type Grouped = GroupedRangeBase & { series: Record<string, BucketStats[]> };

/** A grouped answer without its repetition: see the file comment. */
export type PackedGrouped<T extends Grouped> = Omit<T, "datesWithData" | "series"> & {
  packed: {
    /** One character per day from..to: "1" where the day has data, else "0". */
    days: string;
    /** Per series: count, median, p25, p75 of each bucket in turn (bucketStarts order). */
    series: Record<keyof T["series"], Array<number | null>>;
  };
};

/** What a page hands its view: a grouped answer packed, a night-by-night one as it is. */
export type PackedRange<T extends { bucket: RangeBucket }> = T extends Grouped
  ? PackedGrouped<T>
  : T;

const STRIDE = 4;

export function packRange<T extends { bucket: RangeBucket }>(result: T): PackedRange<T> {
  if (result.bucket === "day") return result as PackedRange<T>;
  const { datesWithData, series, ...rest } = result as unknown as Grouped;
  const starts = bucketStarts(rest.from, rest.to, rest.bucket);
  const withData = new Set(datesWithData);
  let days = "";
  for (
    let day = 0, date = rest.from;
    day <= daysBetween(rest.from, rest.to);
    day++, date = addDays(date, 1)
  )
    days += withData.has(date) ? "1" : "0";
  const packedSeries: Record<string, Array<number | null>> = {};
  for (const [name, buckets] of Object.entries(series)) {
    // The buckets always come from groupStats over the same from/to/bucket; anything else is a bug.
    if (
      buckets.length !== starts.length ||
      buckets.some((bucket, index) => bucket.date !== starts[index])
    )
      throw new Error(`series ${name} is not bucketed over ${rest.from}..${rest.to}`);
    packedSeries[name] = buckets.flatMap((bucket) => [
      bucket.count,
      bucket.median,
      bucket.p25,
      bucket.p75,
    ]);
  }
  return { ...rest, packed: { days, series: packedSeries } } as unknown as PackedRange<T>;
}

/** The answer as GET /api/me/* sends it (the inverse of packRange). */
export function unpackRange<T extends { bucket: RangeBucket }>(value: PackedRange<T>): T {
  if (!("packed" in value)) return value as T;
  const { packed, ...rest } = value as unknown as PackedGrouped<Grouped>;
  const starts = bucketStarts(rest.from, rest.to, rest.bucket);
  const datesWithData: string[] = [];
  for (let day = 0, date = rest.from; day < packed.days.length; day++, date = addDays(date, 1))
    if (packed.days[day] === "1") datesWithData.push(date);
  const series: Record<string, BucketStats[]> = {};
  for (const [name, flat] of Object.entries(packed.series)) {
    series[name] = starts.map((date, index) => {
      const at = index * STRIDE;
      return {
        date,
        count: flat[at] ?? 0,
        median: flat[at + 1] ?? null,
        p25: flat[at + 2] ?? null,
        p75: flat[at + 3] ?? null,
      };
    });
  }
  return { ...rest, datesWithData, series } as unknown as T;
}
