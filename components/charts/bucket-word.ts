import type { LongBucket } from "@/lib/api-schemas/grouped";

/** How a weekly or monthly chart names its buckets: in sentences, as a column heading, as a series. */
export const BUCKET_WORD: Record<LongBucket, { noun: string; heading: string; adjective: string }> = {
  week: { noun: "week", heading: "Week", adjective: "Weekly" },
  month: { noun: "month", heading: "Month", adjective: "Monthly" },
};
