/**
 * Nutrition (§9, scope nutrition): the day's food log, the day's water log, and the caloriesIn /
 * water time series. Water is in ml, or fl oz for `Accept-Language: en_US` (§10.3, UNCONFIRMED).
 */
import { caloriesTotal, foodDayResponse, waterDayResponse, waterTotal } from "../../data/food";
import { visibleFoodDay } from "../../data/history";
import { addMonths, formatDay, parseDay } from "../../data/time";
import type { DataRequest } from "../../types";
import {
  checkRange,
  daysOf,
  ok,
  param,
  path,
  resolveDate,
  route,
  seg,
  ValidationError,
  viewFor,
  waterUnit,
} from "./common";

const SERIES_MAX = 1095;

const foodLog = route(
  "foods.log.date",
  "nutrition",
  path("1", `foods/log/date/${seg("date")}\\.json`),
  (req) => {
    const view = viewFor(req);
    const data = visibleFoodDay(view, resolveDate(view, param(req, "date")));
    return ok(foodDayResponse(req.person, data, waterUnit(req.acceptLanguage)));
  },
);

const waterLog = route(
  "foods.water.date",
  "nutrition",
  path("1", `foods/log/water/date/${seg("date")}\\.json`),
  (req) => {
    const view = viewFor(req);
    const data = visibleFoodDay(view, resolveDate(view, param(req, "date")));
    return ok(waterDayResponse(data, waterUnit(req.acceptLanguage)));
  },
);

/**
 * Period forms end on `date` and count back: 1d = that day; 7d/30d/1w = that many days; 1m/3m/6m/1y
 * = from the same calendar day N months earlier, exclusive (2024-03-15/1m = 02-16..03-15).
 * UNCONFIRMED how Fitbit counts months; one entry per day either way.
 */
const PERIODS: Record<string, (end: number) => number> = {
  "1d": (end) => end,
  "7d": (end) => end - 6,
  "30d": (end) => end - 29,
  "1w": (end) => end - 6,
  "1m": (end) => addMonths(end, -1) + 1,
  "3m": (end) => addMonths(end, -3) + 1,
  "6m": (end) => addMonths(end, -6) + 1,
  "1y": (end) => addMonths(end, -12) + 1,
};

/** `{date}/{period}` or `{start}/{end}`, told apart by the second segment. */
function seriesDays(req: DataRequest): number[] {
  const view = viewFor(req);
  const a = param(req, "a");
  const b = param(req, "b");
  const period = PERIODS[b];
  if (period) {
    const end = resolveDate(view, a);
    return daysOf({ start: period(end), end });
  }
  if (b !== "today" && parseDay(b) === null) {
    throw new ValidationError(
      `Invalid end date or period: ${b}. Use yyyy-MM-dd, today or one of ${Object.keys(PERIODS).join(", ")}.`,
      "date",
    );
  }
  const start = resolveDate(view, a);
  const end = resolveDate(view, b);
  checkRange(start, end, SERIES_MAX);
  return daysOf({ start, end });
}

/** Values are strings: caloriesIn an integer ("2143"), water a decimal ("1500.0"), §9.3. */
function formatWater(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function series(resource: "caloriesIn" | "water") {
  return route(
    `foods.series.${resource}`,
    "nutrition",
    path("1", `foods/log/${resource}/date/${seg("a")}/${seg("b")}\\.json`),
    (req) => {
      const view = viewFor(req);
      const unit = waterUnit(req.acceptLanguage);
      const entries = seriesDays(req).map((day) => {
        const data = visibleFoodDay(view, day);
        const value =
          resource === "caloriesIn"
            ? String(caloriesTotal(data))
            : formatWater(waterTotal(data, unit));
        return { dateTime: formatDay(day), value };
      });
      return ok({ [`foods-log-${resource}`]: entries });
    },
  );
}

export const foodRoutes = [foodLog, waterLog, series("caloriesIn"), series("water")];
