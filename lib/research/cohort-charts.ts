import "server-only";
import type { AuthorizedStudy } from "@/lib/authz/authorize";
import { addDays, fromDbDate, localToday, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { PROVIDER_PRECEDENCE } from "@/lib/providers/precedence";
import { SCATTER_POINT_LIMIT, type Band, type CohortCharts, type CohortNight, type CohortScatter } from "./cohort-charts-types";

/** Dinner and evening snack in Fitbit's meal types (5, 6): "evening calories". */
const EVENING_MEALS = [5, 6];

/** SQL rank of a provider (lib/providers/precedence.ts): lower wins, one provider per person and date. */
function precedence(column: Prisma.Sql): Prisma.Sql {
  const cases = PROVIDER_PRECEDENCE.map((provider, index) => Prisma.sql`WHEN ${provider} THEN ${index}`);
  return Prisma.sql`CASE ${column} ${Prisma.join(cases, " ")} ELSE ${PROVIDER_PRECEDENCE.length} END`;
}

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

type NightRow = { date: Date; sleep_n: bigint; total: Quartiles; deep: Quartiles; light: Quartiles; rem: Quartiles; wake: Quartiles; hrv_n: bigint; hrv: Quartiles; br_n: bigint; br: Quartiles };

const quartiles = (column: Prisma.Sql) => Prisma.sql`percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY ${column})`;

/** The per-night quartiles as one statement (exported for EXPLAIN in the benchmark notes). */
export function cohortNightsSql(study: AuthorizedStudy, from: Date, to: Date): Prisma.Sql {
  const has = (metric: string) => study.metrics.includes(metric as never);
  const q = quartiles;
  return Prisma.sql`
    WITH members AS (
      SELECT "userId" FROM "StudyParticipant" WHERE "studyId" = ${study.id} AND "leftAt" IS NULL
    ), nights AS (
      SELECT DISTINCT ON (l."userId", l."dateOfSleep") l."dateOfSleep" AS date, l."minutesAsleep", l.type, l."deepMinutes", l."lightMinutes", l."remMinutes", l."wakeMinutes"
      FROM "SleepLog" l JOIN members m ON m."userId" = l."userId"
      WHERE ${has("sleep")} AND l."dateOfSleep" BETWEEN ${from} AND ${to}
      ORDER BY l."userId", l."dateOfSleep", ${precedence(Prisma.sql`l.provider`)}, l."isMainSleep" DESC, l."durationMs" DESC
    ), sleep AS (
      SELECT date, count(*) AS sleep_n,
        ${q(Prisma.sql`"minutesAsleep"`)} AS total,
        ${q(Prisma.sql`"deepMinutes"`)} FILTER (WHERE type = 'STAGES' AND "deepMinutes" IS NOT NULL) AS deep,
        ${q(Prisma.sql`"lightMinutes"`)} FILTER (WHERE type = 'STAGES' AND "lightMinutes" IS NOT NULL) AS light,
        ${q(Prisma.sql`"remMinutes"`)} FILTER (WHERE type = 'STAGES' AND "remMinutes" IS NOT NULL) AS rem,
        ${q(Prisma.sql`"wakeMinutes"`)} FILTER (WHERE type = 'STAGES' AND "wakeMinutes" IS NOT NULL) AS wake
      FROM nights GROUP BY date
    ), hrv_days AS (
      SELECT DISTINCT ON (h."userId", h.date) h.date, h."dailyRmssd"
      FROM "HrvDaily" h JOIN members m ON m."userId" = h."userId"
      WHERE ${has("hrv")} AND h.date BETWEEN ${from} AND ${to}
      ORDER BY h."userId", h.date, ${precedence(Prisma.sql`h.provider`)}
    ), hrv AS (
      SELECT date, count(*) AS hrv_n, ${q(Prisma.sql`"dailyRmssd"`)} AS hrv FROM hrv_days GROUP BY date
    ), br_days AS (
      SELECT DISTINCT ON (b."userId", b.date) b.date, b."fullSleep"
      FROM "BreathingRateDaily" b JOIN members m ON m."userId" = b."userId"
      WHERE ${has("breathing")} AND b.date BETWEEN ${from} AND ${to} AND b."fullSleep" IS NOT NULL
      ORDER BY b."userId", b.date, ${precedence(Prisma.sql`b.provider`)}
    ), br AS (
      SELECT date, count(*) AS br_n, ${q(Prisma.sql`"fullSleep"`)} AS br FROM br_days GROUP BY date
    )
    SELECT d.date, coalesce(s.sleep_n, 0) AS sleep_n, s.total, s.deep, s.light, s.rem, s.wake,
      coalesce(h.hrv_n, 0) AS hrv_n, h.hrv, coalesce(br.br_n, 0) AS br_n, br.br
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(date)
    LEFT JOIN sleep s ON s.date = d.date
    LEFT JOIN hrv h ON h.date = d.date
    LEFT JOIN br ON br.date = d.date
    ORDER BY d.date
`;
}

/**
 * Per night, the median and interquartile band across the study's enrolled participants of
 * total sleep, stage minutes, HRV and breathing rate, aggregated in PostgreSQL
 * (percentile_cont); only the study's metrics, only inside its window. One provider per
 * person and night, and the main sleep only, as each participant's own dashboard counts it.
 */
export async function getCohortNights(study: AuthorizedStudy, range: { from: string; to: string }): Promise<CohortNight[]> {
  const from = toDbDate(range.from);
  const to = toDbDate(range.to);
  const rows = await db.$queryRaw<NightRow[]>(cohortNightsSql(study, from, to));
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
 * night, one point per participant-night, with the least-squares trend computed in PostgreSQL
 * over every pair (regr_slope); the points sent to the browser are a stable sample of at most
 * SCATTER_POINT_LIMIT. Needs a study that collects both sleep and nutrition.
 */
export async function getCohortScatter(study: AuthorizedStudy, range: { from: string; to: string }): Promise<CohortScatter | null> {
  if (!study.metrics.includes("sleep") || !study.metrics.includes("nutrition")) return null;
  const from = toDbDate(range.from);
  const to = toDbDate(range.to);
  // Food of the evening before the first night may lie before the window: not read.
  const foodFrom = toDbDate(range.from > study.window.from ? addDays(range.from, -1) : study.window.from);
  const rows = await db.$queryRaw<Array<{ calories: number | null; deep: number | null; total: bigint; slope: number | null; intercept: number | null; r2: number | null; min_cal: number | null; max_cal: number | null }>>`
    WITH members AS (
      SELECT "userId" FROM "StudyParticipant" WHERE "studyId" = ${study.id} AND "leftAt" IS NULL
    ), evening_by_provider AS (
      SELECT f."userId", f.date, f.provider, sum(f.calories) AS calories
      FROM "FoodLogEntry" f JOIN members m ON m."userId" = f."userId"
      WHERE f.date BETWEEN ${foodFrom} AND ${to} AND f."mealTypeId" IN (${Prisma.join(EVENING_MEALS)})
      GROUP BY f."userId", f.date, f.provider
    ), evening AS (
      SELECT DISTINCT ON ("userId", date) "userId", date, calories FROM evening_by_provider
      ORDER BY "userId", date, ${precedence(Prisma.sql`provider`)}
    ), nights AS (
      SELECT DISTINCT ON (l."userId", l."dateOfSleep") l."userId", l."dateOfSleep" AS date, l.type, l."deepMinutes"
      FROM "SleepLog" l JOIN members m ON m."userId" = l."userId"
      WHERE l."dateOfSleep" BETWEEN ${from} AND ${to}
      ORDER BY l."userId", l."dateOfSleep", ${precedence(Prisma.sql`l.provider`)}, l."isMainSleep" DESC, l."durationMs" DESC
    ), pairs AS (
      SELECT e.calories::float8 AS calories, n."deepMinutes"::float8 AS deep, md5(n."userId" || n.date::text) AS shuffle
      FROM nights n JOIN evening e ON e."userId" = n."userId" AND e.date = n.date - 1
      WHERE n.type = 'STAGES' AND n."deepMinutes" IS NOT NULL
    ), fit AS (
      SELECT count(*) AS total, regr_slope(deep, calories) AS slope, regr_intercept(deep, calories) AS intercept, regr_r2(deep, calories) AS r2,
        min(calories) AS min_cal, max(calories) AS max_cal
      FROM pairs
    ), sample AS (
      SELECT calories, deep FROM pairs ORDER BY shuffle LIMIT ${SCATTER_POINT_LIMIT}
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
