import "server-only";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { addDays, fromDbDate, localToday, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { SCATTER_POINT_LIMIT, type Band, type CohortCharts, type CohortNight, type CohortScatter } from "./cohort-charts-types";

/** The requested range clipped to the study window (and today); null when nothing is left. */
export function clipToStudy(study: AuthorizedStudy, range: { from: string; to: string }, now = new Date()) {
  const today = localToday("UTC", now);
  const end = study.window.to && study.window.to < today ? study.window.to : today;
  const from = range.from > study.window.from ? range.from : study.window.from;
  const to = range.to < end ? range.to : end;
  return from <= to ? { from, to } : null;
}

/** The last 90 nights of the study window (or all of it, if shorter). */
export function defaultChartRange(study: AuthorizedStudy, now = new Date()) {
  const today = localToday("UTC", now);
  const to = study.window.to && study.window.to < today ? study.window.to : today;
  const from = study.window.from > addDays(to, -89) ? study.window.from : addDays(to, -89);
  return { from, to };
}

type Quartiles = number[] | null;
const band = (values: Quartiles): Band | null => (values && values[1] !== null && values[1] !== undefined ? { p25: round(values[0]!), median: round(values[1]), p75: round(values[2]!) } : null);
const round = (value: number) => Math.round(value * 10) / 10;

type NightRow = { date: Date; sleep_n: number; total: Quartiles; deep: Quartiles; light: Quartiles; rem: Quartiles; wake: Quartiles; hrv_n: number; hrv: Quartiles; br_n: number; br: Quartiles };

/**
 * Per night, the median and interquartile band across the study's current participants of total
 * sleep, stage minutes, HRV and breathing rate: read from StudyNightAggregate, which the database
 * keeps current (percentile_cont over each night's resolved values, one provider per person and
 * night, the main sleep; decision 0015). One row per night of the range, so the cost does not
 * grow with the cohort. Only the study's metrics, only inside its window (the caller clips).
 */
export async function getCohortNights(study: AuthorizedStudy, range: { from: string; to: string }): Promise<CohortNight[]> {
  const has = (metric: string) => study.metrics.includes(metric as never);
  const rows = await db.$queryRaw<NightRow[]>`
    SELECT d.date::date AS date,
      CASE WHEN ${has("sleep")} THEN coalesce(a."sleepN", 0) ELSE 0 END AS sleep_n,
      CASE WHEN ${has("sleep")} THEN a."totalSleep" END AS total, CASE WHEN ${has("sleep")} THEN a.deep END AS deep,
      CASE WHEN ${has("sleep")} THEN a.light END AS light, CASE WHEN ${has("sleep")} THEN a.rem END AS rem,
      CASE WHEN ${has("sleep")} THEN a.wake END AS wake,
      CASE WHEN ${has("hrv")} THEN coalesce(a."hrvN", 0) ELSE 0 END AS hrv_n, CASE WHEN ${has("hrv")} THEN a.hrv END AS hrv,
      CASE WHEN ${has("breathing")} THEN coalesce(a."breathingN", 0) ELSE 0 END AS br_n, CASE WHEN ${has("breathing")} THEN a.breathing END AS br
    FROM generate_series(${toDbDate(range.from)}::date, ${toDbDate(range.to)}::date, interval '1 day') AS d(date)
    LEFT JOIN "StudyNightAggregate" a ON a."studyId" = ${study.id} AND a.date = d.date::date
    ORDER BY d.date`;
  return rows.map((row) => ({
    date: fromDbDate(row.date),
    sleepN: Number(row.sleep_n),
    totalSleep: band(row.total),
    deep: band(row.deep),
    light: band(row.light),
    rem: band(row.rem),
    wake: band(row.wake),
    hrvN: Number(row.hrv_n),
    hrv: band(row.hrv),
    breathingN: Number(row.br_n),
    breathing: band(row.br),
  }));
}

/**
 * Evening calories (dinner and evening snack the day before) against deep sleep minutes that
 * night, one point per participant-night. The least-squares trend covers every pair: it is
 * solved from the per-night sums (n, Σx, Σy, Σxy, Σx², Σy²) the database keeps in
 * StudyNightAggregate, as PostgreSQL's regr_slope / regr_intercept / regr_r2 define them. The
 * points sent to the browser are a stable sample of at most SCATTER_POINT_LIMIT, the first in
 * md5(user || night) order, read through a partial index. Needs a study that collects both sleep
 * and nutrition.
 */
export async function getCohortScatter(study: AuthorizedStudy, range: { from: string; to: string }): Promise<CohortScatter | null> {
  if (!study.metrics.includes("sleep") || !study.metrics.includes("nutrition")) return null;
  // Food of the evening before the window's first night lies before the window: that night has no point.
  const firstPairNight = range.from > study.window.from ? range.from : addDays(study.window.from, 1);
  const from = toDbDate(firstPairNight);
  const to = toDbDate(range.to);
  const rows = await db.$queryRaw<Array<{ calories: number | null; deep: number | null; total: bigint; slope: number | null; intercept: number | null; r2: number | null; min_cal: number | null; max_cal: number | null }>>`
    WITH sums AS (
      SELECT coalesce(sum("pairN"), 0)::float8 AS n, coalesce(sum("sumX"), 0) AS sx, coalesce(sum("sumY"), 0) AS sy,
        coalesce(sum("sumXY"), 0) AS sxy, coalesce(sum("sumXX"), 0) AS sxx, coalesce(sum("sumYY"), 0) AS syy,
        min("minX") AS min_cal, max("maxX") AS max_cal
      FROM "StudyNightAggregate" WHERE "studyId" = ${study.id} AND date BETWEEN ${from} AND ${to}
    ), centred AS (
      SELECT n, sx, sy, min_cal, max_cal, n * sxx - sx * sx AS cxx, n * syy - sy * sy AS cyy, n * sxy - sx * sy AS cxy,
        -- below this, a spread is rounding in the sums, not data (all x equal: no line)
        1e-12 * n * sxx AS xx_noise, 1e-12 * n * syy AS yy_noise
      FROM sums
    ), fit AS (
      SELECT n::bigint AS total, min_cal, max_cal,
        CASE WHEN n > 0 AND cxx > xx_noise THEN cxy / cxx END AS slope,
        CASE WHEN n > 0 AND cxx > xx_noise THEN (sy * cxx - sx * cxy) / (n * cxx) END AS intercept,
        CASE WHEN n > 0 AND cxx > xx_noise THEN CASE WHEN cyy <= yy_noise THEN 1 ELSE (cxy * cxy) / (cxx * cyy) END END AS r2
      FROM centred
    ), sample AS (
      SELECT "eveningCalories" AS calories, "deepMinutes"::float8 AS deep FROM "StudyParticipantNight"
      WHERE "studyId" = ${study.id} AND date BETWEEN ${from} AND ${to} AND "deepMinutes" IS NOT NULL AND "eveningCalories" IS NOT NULL
      ORDER BY shuffle LIMIT ${SCATTER_POINT_LIMIT}
    )
    SELECT s.calories, s.deep, f.total, f.slope, f.intercept, f.r2, f.min_cal, f.max_cal
    FROM fit f LEFT JOIN sample s ON true
  `;
  const fit = rows[0];
  if (!fit) return { points: [], total: 0, trend: null, minCalories: null, maxCalories: null };
  const total = Number(fit.total);
  return {
    points: rows.filter((row) => row.calories !== null && row.deep !== null).map((row) => ({ eveningCalories: Math.round(row.calories!), deepMinutes: row.deep! })),
    total,
    trend: total >= 3 && fit.slope !== null && fit.intercept !== null ? { slope: fit.slope, intercept: fit.intercept, r2: fit.r2 } : null,
    minCalories: fit.min_cal,
    maxCalories: fit.max_cal,
  };
}

/** Both cohort charts for a range inside the study window. */
export async function getCohortCharts(study: AuthorizedStudy, requested: { from: string; to: string }): Promise<CohortCharts | null> {
  const range = clipToStudy(study, requested);
  if (!range) return null;
  const [nights, scatter] = await Promise.all([getCohortNights(study, range), getCohortScatter(study, range)]);
  return { ...range, nights, scatter };
}
