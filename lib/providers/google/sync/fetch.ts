import "server-only";
import type { z } from "zod";
import { eachDate } from "@/lib/dates";
import { addDays } from "@/lib/providers/local-time";
import type { Batch, DayRange, FetchContext, FetchResult, SyncStep } from "@/lib/providers/types";
import {
  normalizeBreathing,
  normalizeDailyHrv,
  normalizeHrvSamples,
  normalizeNutrition,
  normalizeSleep,
  pointIdOf,
} from "../normalize";
import {
  dailyHrvPageSchema,
  hrvSamplePageSchema,
  hydrationLogPageSchema,
  nutritionLogPageSchema,
  respiratorySummaryPageSchema,
  sleepPageSchema,
} from "../schemas";

/** Pages of one list can never be more than this (a year of 25-a-page sleep is ~15). */
const MAX_PAGES = 200;

type Page = { dataPoints: unknown[]; nextPageToken?: string | undefined };

/**
 * Every page of `dataTypes/{type}/dataPoints` for `filter`: follows `nextPageToken` until it is
 * absent or empty. An empty page that still carries a token is not the end (reference §8).
 */
export async function listAll<S extends z.ZodType<Page>>(
  ctx: FetchContext,
  type: string,
  filter: string,
  schema: S,
  pageSize: number,
): Promise<z.infer<S>["dataPoints"]> {
  const points: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ filter, pageSize: String(pageSize) });
    if (token) query.set("pageToken", token);
    const result = await ctx.http.get(`/v4/users/me/dataTypes/${type}/dataPoints?${query}`, schema);
    points.push(...result.dataPoints);
    token = result.nextPageToken || undefined;
    if (!token) return points as z.infer<S>["dataPoints"];
  }
  throw new Error(`${type}: more than ${MAX_PAGES} pages`);
}

/** `{member} >= "start" AND {member} < "end + 1 day"`: the only operators Google accepts. */
const between = (member: string, range: DayRange, startShift = 0) =>
  `${member} >= "${addDays(range.start, startShift)}" AND ${member} < "${addDays(range.end, 1)}"`;

export async function fetchGoogleStep(ctx: FetchContext, step: SyncStep): Promise<FetchResult> {
  const range = step.range;
  switch (step.metric) {
    case "sleep": {
      // Sleep filters only on its end (reference §3.3): the wake date is the night's date.
      const points = await listAll(ctx, "sleep", between("sleep.interval.civil_end_time", range), sleepPageSchema, 25);
      const rows = points.flatMap((p) => {
        const id = pointIdOf(p);
        return id ? [normalizeSleep(id, p.sleep)] : [];
      });
      return { hadData: rows.length > 0, batches: [{ kind: "sleep", range, rows }] };
    }
    case "hrv": {
      const points = await listAll(
        ctx,
        "daily-heart-rate-variability",
        between("daily_heart_rate_variability.date", range),
        dailyHrvPageSchema,
        10_000,
      );
      const rows = normalizeDailyHrv(points.map((p) => p.dailyHeartRateVariability));
      return { hadData: rows.length > 0, batches: [{ kind: "hrv", range, rows }] };
    }
    case "hrvIntraday": {
      // A night can start the evening before its wake date.
      const points = await listAll(
        ctx,
        "heart-rate-variability",
        between("heart_rate_variability.sample_time.civil_time", range, -1),
        hrvSamplePageSchema,
        10_000,
      );
      const rows = normalizeHrvSamples(points.map((p) => p.heartRateVariability), await ctx.sleepSessions(range));
      return { hadData: rows.length > 0, batches: [{ kind: "hrvIntraday", range, rows }] };
    }
    case "br": {
      const points = await listAll(
        ctx,
        "respiratory-rate-sleep-summary",
        between("respiratory_rate_sleep_summary.sample_time.civil_time", range),
        respiratorySummaryPageSchema,
        10_000,
      );
      const rows = normalizeBreathing(points.map((p) => p.respiratoryRateSleepSummary));
      return { hadData: rows.length > 0, batches: [{ kind: "br", range, rows }] };
    }
    case "nutrition": {
      const foods = await listAll(
        ctx,
        "nutrition-log",
        between("nutrition_log.interval.civil_start_time", range),
        nutritionLogPageSchema,
        10_000,
      );
      const water = await listAll(
        ctx,
        "hydration-log",
        between("hydration_log.interval.civil_start_time", range),
        hydrationLogPageSchema,
        10_000,
      );
      const { series, days } = normalizeNutrition(
        range,
        foods.map((p) => ({ id: pointIdOf(p), log: p.nutritionLog })),
        water.map((p) => p.hydrationLog),
        (r) => eachDate(r.start, r.end),
      );
      const batches: Batch[] = [
        { kind: "nutritionSeries", range, rows: series },
        ...days.map((d): Batch => ({ kind: "foodDay", day: d.day, totals: d.totals, entries: d.entries })),
      ];
      return { hadData: series.some((r) => r.caloriesIn > 0 || r.waterMl > 0), batches };
    }
  }
}
