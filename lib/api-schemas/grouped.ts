/**
 * Long ranges as the dashboard APIs send them (docs/decisions/0009): up to 62 days night by night,
 * up to 400 days by ISO week (Monday), longer by calendar month. A grouped answer carries each
 * bucket's median and interquartile range instead of every night, so a year is 53 rows, not 365.
 */

export type RangeBucket = "day" | "week" | "month";
export type LongBucket = Exclude<RangeBucket, "day">;

/** One week or month of one series: the nights with a value; count 0 (all nulls) is a gap, never a zero. */
export interface BucketStats {
  /** First day of the bucket (yyyy-MM-dd): a Monday, or the 1st of the month. */
  date: string;
  /** Nights (or days) with a value in the bucket. */
  count: number;
  median: number | null;
  p25: number | null;
  p75: number | null;
}

/** What every grouped range answer shares: the bucket size and the picker's dates. */
export interface GroupedRangeBase {
  bucket: LongBucket;
  from: string;
  to: string;
  /** Dates with data in the range, oldest first (the night or day picker's list). */
  datesWithData: string[];
}
