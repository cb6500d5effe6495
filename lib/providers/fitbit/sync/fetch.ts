import "server-only";
import { devicesSchema } from "@/lib/providers/fitbit/payloads/devices";
import {
  caloriesInSeriesSchema,
  foodLogDaySchema,
  waterSeriesSchema,
} from "@/lib/providers/fitbit/payloads/nutrition";
import {
  brIntradaySchema,
  brSummarySchema,
  hrvIntradaySchema,
  hrvSummarySchema,
} from "@/lib/providers/fitbit/payloads/physiology";
import { sleepResponseSchema } from "@/lib/providers/fitbit/payloads/sleep";
import {
  ProviderApiError,
  type DayRange,
  type FetchContext,
  type FetchResult,
  type SyncStep,
} from "@/lib/providers/types";
import { normalizeDevices } from "../normalize/devices";
import { normalizeFoodDay, normalizeNutritionSeries } from "../normalize/nutrition";
import {
  normalizeBrIntraday,
  normalizeBrSummary,
  normalizeHrvIntraday,
  normalizeHrvSummary,
} from "../normalize/physiology";
import { normalizeSleepLogs } from "../normalize/sleep";

/**
 * Fitbit's fetch steps: all requests of a step first, validated and normalized; the engine
 * writes the rows (with the next cursor) only after every request of the step succeeded.
 */
const U = "/1/user/-";
export const BR_STAGES = "brStages";

async function fetchBreathingRate(ctx: FetchContext, range: DayRange) {
  if (!ctx.unavailable[BR_STAGES]) {
    try {
      return normalizeBrIntraday(
        await ctx.http.get(
          `${U}/br/date/${range.start}/${range.end}/all.json`,
          brIntradaySchema,
        ),
      );
    } catch (error) {
      if (!(error instanceof ProviderApiError) || error.failure.kind !== "insufficient_scope")
        throw error;
      // Per-stage rates need intraday access; the nightly average does not.
      ctx.unavailable[BR_STAGES] =
        "Per-stage breathing rates need Fitbit intraday access; showing the nightly average only.";
    }
  }
  try {
    return normalizeBrSummary(
      await ctx.http.get(`${U}/br/date/${range.start}/${range.end}.json`, brSummarySchema),
    );
  } catch (error) {
    // The summary refused too: the whole scope is missing, not just intraday access.
    if (error instanceof ProviderApiError && error.failure.kind === "insufficient_scope")
      delete ctx.unavailable[BR_STAGES];
    throw error;
  }
}

export async function fetchFitbitStep(ctx: FetchContext, step: SyncStep): Promise<FetchResult> {
  const requester = ctx.http;
  const range = step.range;
  switch (step.metric) {
    case "sleep": {
      const payload = await requester.get(
        `/1.2/user/-/sleep/date/${range.start}/${range.end}.json`,
        sleepResponseSchema,
      );
      const rows = normalizeSleepLogs(payload.sleep, ctx.zone);
      // A pending answer (`meta` without `sleep`) is not "no sleep": keep what we have.
      if (!payload.sleep) return { hadData: true, batches: [] };
      return { hadData: rows.length > 0, batches: [{ kind: "sleep", range, rows }] };
    }
    case "hrv": {
      const rows = normalizeHrvSummary(
        await requester.get(`${U}/hrv/date/${range.start}/${range.end}.json`, hrvSummarySchema),
      );
      return {
        hadData: rows.length > 0,
        batches: [{ kind: "hrv", range, rows }],
      };
    }
    case "hrvIntraday": {
      const rows = normalizeHrvIntraday(
        await requester.get(
          `${U}/hrv/date/${range.start}/${range.end}/all.json`,
          hrvIntradaySchema,
        ),
      );
      return {
        hadData: rows.length > 0,
        batches: [{ kind: "hrvIntraday", range, rows }],
      };
    }
    case "br": {
      const rows = await fetchBreathingRate(ctx, range);
      return {
        hadData: rows.length > 0,
        batches: [{ kind: "br", range, rows }],
      };
    }
    case "nutrition": {
      const calories = await requester.get(
        `${U}/foods/log/caloriesIn/date/${range.start}/${range.end}.json`,
        caloriesInSeriesSchema,
      );
      const water = await requester.get(
        `${U}/foods/log/water/date/${range.start}/${range.end}.json`,
        waterSeriesSchema,
      );
      const rows = normalizeNutritionSeries(
        calories["foods-log-caloriesIn"],
        water["foods-log-water"],
      );
      const hadData = rows.some((r) => r.caloriesIn > 0 || r.waterMl > 0);
      return {
        hadData,
        batches: [{ kind: "nutritionSeries", range, rows }],
      };
    }
  }
}

export async function fetchFitbitFoodDay(ctx: FetchContext, day: string): Promise<FetchResult> {
  const payload = await ctx.http.get(`${U}/foods/log/date/${day}.json`, foodLogDaySchema);
  const { totals, entries } = normalizeFoodDay(payload, day);
  return {
    hadData: entries.length > 0,
    batches: [{ kind: "foodDay", day, totals, entries }],
  };
}

export async function fetchFitbitDevices(ctx: FetchContext): Promise<FetchResult> {
  const rows = normalizeDevices(
    await ctx.http.get(`${U}/devices.json`, devicesSchema),
    ctx.zone,
  );
  return { hadData: rows.length > 0, batches: [{ kind: "devices", rows }] };
}
