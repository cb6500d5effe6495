import "server-only";
import type { BucketStats, LongBucket } from "@/lib/api-schemas/grouped";
import { db } from "@/lib/db/client";
import { PROVIDER_PRECEDENCE } from "@/lib/providers/precedence";
import { bucketStarts, bucketStatsOf } from "@/lib/range-buckets";

export const SLEEP_SERIES = ["asleep", "naps", "deep", "light", "rem", "wake"] as const;
export type SleepSeries = (typeof SLEEP_SERIES)[number];

type Quartiles = [number, number, number];

type BucketRow = { start: string; nights: string[] } & Record<`${SleepSeries}Count`, number> &
  Record<SleepSeries, Quartiles | null>;

export interface SleepBuckets {
  /** Nights with a log in from..to, oldest first. */
  nights: string[];
  /** Per series, every bucket of from..to (gaps included), as groupStats would answer. */
  series: Record<SleepSeries, BucketStats[]>;
}

/**
 * A long range's sleep per week (ISO, Monday) or month, grouped in PostgreSQL so a year reads ~53
 * rows instead of ~365 logs. The same rules as the night-by-night page (sleep-nights.ts), in SQL:
 * one provider per night (lib/providers/precedence.ts: the best-ranked provider with logs that
 * night), the main sleep is the flagged log (the earliest if several) else the longest, naps are
 * every other log, stage minutes only from stages main sleeps. percentile_cont is the same
 * linear-interpolated (type 7) quantile as lib/stats.ts, with the same arithmetic, rounded to 0.1
 * in bucketStatsOf as groupStats rounds. Tested against hand-worked values and against groupStats.
 */
export async function loadSleepBuckets(
  userId: string,
  from: string,
  to: string,
  bucket: LongBucket,
): Promise<SleepBuckets> {
  const rows = await db.$queryRaw<BucketRow[]>`
    WITH logs AS (
      SELECT "dateOfSleep" AS night, "isMainSleep" AS flagged, "durationMs", "startAt", type, "minutesAsleep",
             "deepMinutes", "lightMinutes", "remMinutes", "wakeMinutes",
             COALESCE(array_position(${PROVIDER_PRECEDENCE}::text[], provider), ${PROVIDER_PRECEDENCE.length + 1}) AS provider_rank
      FROM "SleepLog"
      WHERE "userId" = ${userId} AND "dateOfSleep" BETWEEN ${from}::date AND ${to}::date
    ), ranked AS (
      SELECT *, min(provider_rank) OVER (PARTITION BY night) AS best_rank FROM logs
    ), kept AS (
      SELECT *, row_number() OVER (
        PARTITION BY night
        ORDER BY flagged DESC, CASE WHEN flagged THEN 0 ELSE "durationMs" END DESC, "startAt"
      ) AS place
      FROM ranked WHERE provider_rank = best_rank
    ), nights AS (
      SELECT night,
             max("minutesAsleep") FILTER (WHERE place = 1) AS asleep,
             sum("minutesAsleep") FILTER (WHERE place > 1) AS naps,
             max("deepMinutes") FILTER (WHERE place = 1 AND type = 'STAGES') AS deep,
             max("lightMinutes") FILTER (WHERE place = 1 AND type = 'STAGES') AS light,
             max("remMinutes") FILTER (WHERE place = 1 AND type = 'STAGES') AS rem,
             max("wakeMinutes") FILTER (WHERE place = 1 AND type = 'STAGES') AS wake
      FROM kept GROUP BY night
    )
    SELECT to_char(date_trunc(${bucket}, night::timestamp), 'YYYY-MM-DD') AS start,
           array_agg(to_char(night, 'YYYY-MM-DD') ORDER BY night) AS nights,
           count(asleep)::int AS "asleepCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY asleep::float8) AS asleep,
           count(naps)::int AS "napsCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY naps::float8) AS naps,
           count(deep)::int AS "deepCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY deep::float8) AS deep,
           count(light)::int AS "lightCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY light::float8) AS light,
           count(rem)::int AS "remCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY rem::float8) AS rem,
           count(wake)::int AS "wakeCount", percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY wake::float8) AS wake
    FROM nights GROUP BY 1 ORDER BY 1`;

  const byStart = new Map(rows.map((row) => [row.start, row]));
  const starts = bucketStarts(from, to, bucket);
  const seriesOf = (name: SleepSeries) =>
    starts.map((date) => {
      const row = byStart.get(date);
      return bucketStatsOf(date, row?.[`${name}Count`] ?? 0, row?.[name] ?? null);
    });
  return {
    nights: rows.flatMap((row) => row.nights),
    series: Object.fromEntries(SLEEP_SERIES.map((name) => [name, seriesOf(name)])) as Record<
      SleepSeries,
      BucketStats[]
    >,
  };
}
