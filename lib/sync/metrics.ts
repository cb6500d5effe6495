import "server-only";
import { FitbitApiError } from "@/lib/providers/fitbit/api-client";
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
import { normalizeDevices } from "./normalize/devices";
import type { PersonZone } from "./normalize/local-time";
import { normalizeFoodDay, normalizeNutritionSeries } from "./normalize/nutrition";
import {
  normalizeBrIntraday,
  normalizeBrSummary,
  normalizeHrvIntraday,
  normalizeHrvSummary,
} from "./normalize/physiology";
import { normalizeSleepLogs } from "./normalize/sleep";
import type { DayRange, RangeMetric } from "./plan";
import type { SyncRequester } from "./requester";
import * as write from "./writers";

/**
 * One chunk of one metric: fetch (all requests of the chunk first), normalise, and hand back
 * the writes to run in the chunk's transaction. Nothing is written before every request of the
 * chunk succeeded and validated.
 */
export interface FetchedChunk {
  /** Whether the provider had any data in the range (feeds the empty-stretch stop). */
  hadData: boolean;
  write: (tx: write.Tx) => Promise<void>;
}

export interface MetricContext {
  userId: string;
  zone: PersonZone;
  requester: SyncRequester;
  /** Per-metric reasons a metric (or part of it) is unavailable; the BR fallback records here. */
  unavailable: Record<string, string>;
}

const U = "/1/user/-";
export const BR_STAGES = "brStages";

async function fetchBreathingRate(ctx: MetricContext, range: DayRange) {
  if (!ctx.unavailable[BR_STAGES]) {
    try {
      return normalizeBrIntraday(
        await ctx.requester.get(
          `${U}/br/date/${range.start}/${range.end}/all.json`,
          brIntradaySchema,
        ),
      );
    } catch (error) {
      if (!(error instanceof FitbitApiError) || error.failure.kind !== "insufficient_scope")
        throw error;
      // Per-stage rates need intraday access; the nightly average does not.
      ctx.unavailable[BR_STAGES] =
        "Per-stage breathing rates need Fitbit intraday access; showing the nightly average only.";
    }
  }
  try {
    return normalizeBrSummary(
      await ctx.requester.get(`${U}/br/date/${range.start}/${range.end}.json`, brSummarySchema),
    );
  } catch (error) {
    // The summary refused too: the whole scope is missing, not just intraday access.
    if (error instanceof FitbitApiError && error.failure.kind === "insufficient_scope")
      delete ctx.unavailable[BR_STAGES];
    throw error;
  }
}

export async function fetchRangeChunk(
  ctx: MetricContext,
  metric: RangeMetric,
  range: DayRange,
): Promise<FetchedChunk> {
  const { userId, requester } = ctx;
  switch (metric) {
    case "sleep": {
      const payload = await requester.get(
        `/1.2/user/-/sleep/date/${range.start}/${range.end}.json`,
        sleepResponseSchema,
      );
      const rows = normalizeSleepLogs(payload.sleep, ctx.zone);
      // A pending answer (`meta` without `sleep`) is not "no sleep": keep what we have.
      if (!payload.sleep) return { hadData: true, write: async () => {} };
      return {
        hadData: rows.length > 0,
        write: (tx) => write.writeSleepLogs(tx, userId, range, rows),
      };
    }
    case "hrv": {
      const rows = normalizeHrvSummary(
        await requester.get(`${U}/hrv/date/${range.start}/${range.end}.json`, hrvSummarySchema),
      );
      return {
        hadData: rows.length > 0,
        write: (tx) => write.writeHrvDaily(tx, userId, range, rows),
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
        write: (tx) => write.writeHrvIntraday(tx, userId, range, rows),
      };
    }
    case "br": {
      const rows = await fetchBreathingRate(ctx, range);
      return {
        hadData: rows.length > 0,
        write: (tx) => write.writeBreathingRate(tx, userId, range, rows),
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
        write: async (tx) => void (await write.writeNutritionSeries(tx, userId, range, rows)),
      };
    }
  }
}

export async function fetchFoodDay(ctx: MetricContext, day: string): Promise<FetchedChunk> {
  const payload = await ctx.requester.get(`${U}/foods/log/date/${day}.json`, foodLogDaySchema);
  const { totals, entries } = normalizeFoodDay(payload, day);
  return {
    hadData: entries.length > 0,
    write: (tx) => write.writeFoodDay(tx, ctx.userId, day, totals, entries),
  };
}

export async function fetchDevices(ctx: MetricContext): Promise<FetchedChunk> {
  const rows = normalizeDevices(
    await ctx.requester.get(`${U}/devices.json`, devicesSchema),
    ctx.zone,
  );
  return { hadData: rows.length > 0, write: (tx) => write.writeDevices(tx, ctx.userId, rows) };
}
