/**
 * `POST dataTypes/{nutrition-log|hydration-log}/dataPoints:dailyRollUp` (reference §3.5, §9):
 * one rollup point per window of `windowSizeDays` civil days inside a closed-open range of at
 * most 90 days, empty windows left out, oldest first (UNCONFIRMED order), paged like lists.
 */
import { z } from "zod";
import { invalidArgument } from "../errors";
import { decodeToken, encodeToken, requestKey } from "../paging";
import { DATA_TYPES, type DataTypeSpec, type Point } from "../points";
import type { GoogleRoute } from "../route";
import { v4 } from "../route";
import { dayOfGoogleDate, googleDate } from "../time";
import { sourceFamily } from "../source-family";

const MAX_RANGE_DAYS = 90;

const civilDateTime = z.strictObject({
  date: z.strictObject({
    year: z.number().int().min(1).max(9999),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  time: z
    .strictObject({
      hours: z.number().int().min(0).max(24).optional(),
      minutes: z.number().int().min(0).max(59).optional(),
      seconds: z.number().int().min(0).max(59).optional(),
      nanos: z.number().int().min(0).max(999_999_999).optional(),
    })
    .optional(),
});

const bodySchema = z.strictObject({
  range: z.strictObject({ start: civilDateTime, end: civilDateTime }),
  windowSizeDays: z.number().int().min(1).max(MAX_RANGE_DAYS).optional(),
  pageSize: z.number().int().min(0).optional(),
  pageToken: z.string().optional(),
  dataSourceFamily: z.string().optional(),
});

const round = (x: number) => Math.round(x * 1000) / 1000;

function dayOf(dt: z.infer<typeof civilDateTime>, field: string): number {
  const day = dayOfGoogleDate(dt.date);
  if (googleDate(day).day !== dt.date.day)
    throw invalidArgument(
      field,
      "Not a valid calendar date.",
      `Invalid ${field}: not a calendar date.`,
    );
  const t = dt.time ?? {};
  if ((t.hours ?? 0) + (t.minutes ?? 0) + (t.seconds ?? 0) + (t.nanos ?? 0) !== 0) {
    throw invalidArgument(
      field,
      "The range must be aligned with the aggregation window (midnight).",
      "Range start must be aligned with the aggregation window.",
      "INVALID_TIME_RANGE",
    );
  }
  return day;
}

function aggregate(kebab: string, points: Point[]): Record<string, unknown> {
  if (kebab === "hydration-log") {
    let ml = 0;
    let unit = "";
    for (const p of points) {
      const h = (
        p.data.hydrationLog as { amountConsumed: { milliliters: number; userProvidedUnit: string } }
      ).amountConsumed;
      ml += h.milliliters;
      unit = h.userProvidedUnit;
    }
    // Points are newest first; the first one is the last logged.
    const last =
      (points[0]?.data.hydrationLog as { amountConsumed: { userProvidedUnit: string } } | undefined)
        ?.amountConsumed.userProvidedUnit ?? unit;
    return {
      hydrationLog: { amountConsumed: { millilitersSum: round(ml), userProvidedUnitLast: last } },
    };
  }
  let kcal = 0;
  let carbs = 0;
  let fat = 0;
  const nutrients = new Map<string, number>();
  for (const p of points) {
    const n = p.data.nutritionLog as {
      energy: { kcal: number };
      totalCarbohydrate: { grams: number };
      totalFat: { grams: number };
      nutrients: { nutrient: string; quantity: { grams: number } }[];
    };
    kcal += n.energy.kcal;
    carbs += n.totalCarbohydrate.grams;
    fat += n.totalFat.grams;
    for (const q of n.nutrients)
      nutrients.set(q.nutrient, (nutrients.get(q.nutrient) ?? 0) + q.quantity.grams);
  }
  return {
    nutritionLog: {
      energy: { kcalSum: round(kcal) },
      totalCarbohydrate: { gramsSum: round(carbs) },
      totalFat: { gramsSum: round(fat) },
      nutrients: [...nutrients].map(([nutrient, g]) => ({
        nutrient,
        quantity: { gramsSum: round(g) },
      })),
    },
  };
}

export const ROLLUP_TYPES: readonly DataTypeSpec[] = DATA_TYPES.filter((t) =>
  ["nutrition-log", "hydration-log"].includes(t.kebab),
);

export function dailyRollUp(spec: DataTypeSpec): GoogleRoute {
  return {
    name: `google.${spec.kebab}.dailyRollUp`,
    method: "POST",
    pattern: v4(`dataTypes/${spec.kebab}/dataPoints:dailyRollUp`),
    scope: spec.scope,
    queryParams: [],
    handle(req) {
      let json: unknown;
      try {
        json = JSON.parse(req.body === "" ? "{}" : req.body);
      } catch {
        throw invalidArgument(
          "",
          "Invalid JSON payload received.",
          "Invalid JSON payload received. Unexpected token.",
        );
      }
      const parsed = bodySchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join(".");
        throw invalidArgument(
          field,
          issue.message,
          `Invalid JSON payload received. ${field ? `Field '${field}': ` : ""}${issue.message}`,
        );
      }
      const body = parsed.data;
      const start = dayOf(body.range.start, "range.start");
      const end = dayOf(body.range.end, "range.end");
      if (end <= start || end - start > MAX_RANGE_DAYS) {
        throw invalidArgument(
          "range",
          `The range must be non-empty and at most ${MAX_RANGE_DAYS} days.`,
          `Invalid range: it must be non-empty and at most ${MAX_RANGE_DAYS} days.`,
          "INVALID_TIME_RANGE",
        );
      }
      const window = body.windowSizeDays ?? 1;
      const size = Math.min(body.pageSize || 90, 10000);
      const keep = sourceFamily(body.dataSourceFamily);
      const key = requestKey([
        spec.kebab,
        "dailyRollUp",
        req.g.healthUserId,
        start,
        end,
        window,
        size,
        body.dataSourceFamily ?? "",
      ]);
      const first = decodeToken(body.pageToken ?? null, key)?.i ?? 0;
      const windows: Record<string, unknown>[] = [];
      let nextIndex: number | null = null;
      for (let w = first, ws = start + first * window; ws < end; w++, ws += window) {
        const we = Math.min(ws + window, end);
        const points: Point[] = [];
        for (let d = we - 1; d >= ws; d--)
          points.push(...spec.pointsOfDay(req.g, req.view, d).filter(keep));
        if (points.length === 0) continue;
        if (windows.length === size) {
          nextIndex = w;
          break;
        }
        windows.push({
          civilStartTime: { date: googleDate(ws), time: {} },
          civilEndTime: { date: googleDate(we), time: {} },
          ...aggregate(spec.kebab, points),
        });
      }
      const out: Record<string, unknown> = {};
      if (windows.length > 0) out.rollupDataPoints = windows;
      if (nextIndex !== null) out.nextPageToken = encodeToken(key, { d: 0, i: nextIndex });
      return out;
    },
  };
}
