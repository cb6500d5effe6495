/**
 * The cohort aggregates (decision 0015) against a real PostgreSQL: after every kind of write —
 * a sync chunk through the real writers, a re-sync that changes and removes nights, a Google row
 * arriving for a night that had a Fitbit one, a participant leaving and coming back, an admin's
 * data deletion and "Delete my data" — the cohort charts and table read from the aggregates equal
 * what the raw rows give when aggregated directly (the statements the views used before the
 * aggregates existed, kept here as the reference).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SleepLogRow } from "../providers/model";
import { PROVIDER_PRECEDENCE } from "../providers/precedence";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let Prisma: typeof import("../generated/prisma/client").Prisma;
let authz: typeof import("../authz/authorize");
let charts: typeof import("./cohort-charts");
let table: typeof import("./cohort-table");
let writers: typeof import("../sync/writers");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  Prisma = (await import("../generated/prisma/client")).Prisma;
  authz = await import("../authz/authorize");
  charts = await import("./cohort-charts");
  table = await import("./cohort-table");
  writers = await import("../sync/writers");
});

const WINDOW = { from: "2026-03-01", to: "2026-03-31" };
const NOW = new Date("2026-04-10T12:00:00Z");
const day = (date: string) => new Date(`${date}T00:00:00Z`);
let counter = 0;

function sleepRow(date: string, minutes: number, deep: number, options: { main?: boolean; classic?: boolean; id?: string } = {}): SleepLogRow {
  const main = options.main ?? true;
  return {
    providerLogId: options.id ?? `L-${date}-${main ? "main" : "nap"}`, dateOfSleep: day(date), startLocal: `${date}T00:00:00.000`, endLocal: `${date}T07:00:00.000`,
    startAt: day(date), endAt: day(date), startUtcOffsetMin: 0, endUtcOffsetMin: 0, durationMs: (main ? 420 : 30) * 60_000, isMainSleep: main,
    type: options.classic ? "CLASSIC" : "STAGES", logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: minutes, minutesAwake: 20,
    minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: minutes + 20, deepMinutes: deep, lightMinutes: minutes - deep - 90, remMinutes: 90, wakeMinutes: 20,
    asleepMinutes: null, restlessMinutes: null, awakeMinutes: null, thirtyDayAvgMinutes: null, levels: { data: [], shortData: [] },
  };
}

/** One sync chunk of `provider`'s sleep for the nights `start`..`end`, committed as the engine commits it. */
async function syncSleep(userId: string, provider: string, start: string, end: string, rows: SleepLogRow[]) {
  await db.$transaction((tx) => writers.writeSleepLogs(tx, userId, provider, { start, end }, rows));
}

async function syncDinners(userId: string, provider: string, date: string, entries: Array<{ calories: number; meal: number }>) {
  await db.$transaction(async (tx) => {
    await writers.writeNutritionSeries(tx, userId, provider, { start: date, end: date }, [{ date: day(date), day: date, caloriesIn: entries.reduce((sum, e) => sum + e.calories, 0), waterMl: 0 }]);
    await writers.writeFoodDay(tx, userId, provider, date, { carbsG: null, fatG: null, fiberG: null, proteinG: null, sodiumMg: null, calorieGoal: null }, entries.map((entry, index) => ({
      providerLogId: `F-${date}-${index}`, date: day(date), mealTypeId: entry.meal, name: "Meal", brand: "", amount: 1, unitName: "plate", calories: entry.calories,
      carbsG: null, fatG: null, fiberG: null, proteinG: null, sodiumMg: null,
    })));
  });
}

async function world() {
  const researcher = await db.user.create({ data: { name: `Researcher ${++counter}`, role: "RESEARCHER" } });
  const study = await db.study.create({
    data: { name: "Aggregates", metrics: ["sleep", "hrv", "breathing", "nutrition"], startDate: day(WINDOW.from), endDate: day(WINDOW.to), createdById: researcher.id, members: { create: { userId: researcher.id } } },
  });
  const person = async () => (await db.user.create({ data: { name: `Person ${++counter}` } })).id;
  const enrol = (userId: string) => db.studyParticipant.create({ data: { studyId: study.id, userId, studyCode: `P-${++counter}` } });
  const authorized = () => authz.authorizeStudy({ id: researcher.id, role: "RESEARCHER", via: "session" }, study.id);
  return { studyId: study.id, person, enrol, authorized };
}

// ----- The reference: the views' former statements over the raw rows. -----------------------

const rank = (column: import("../generated/prisma/client").Prisma.Sql) =>
  Prisma.sql`CASE ${column} ${Prisma.join(PROVIDER_PRECEDENCE.map((provider, index) => Prisma.sql`WHEN ${provider} THEN ${index}`), " ")} ELSE ${PROVIDER_PRECEDENCE.length} END`;
const q = (column: import("../generated/prisma/client").Prisma.Sql) => Prisma.sql`percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY ${column})`;

async function referenceNights(studyId: string, from: string, to: string) {
  const rows = await db.$queryRaw<Array<{ date: Date; sleep_n: bigint; total: number[] | null; deep: number[] | null; light: number[] | null; rem: number[] | null; wake: number[] | null; hrv_n: bigint; hrv: number[] | null; br_n: bigint; br: number[] | null }>>`
    WITH members AS (SELECT "userId" FROM "StudyParticipant" WHERE "studyId" = ${studyId} AND "leftAt" IS NULL),
    nights AS (
      SELECT DISTINCT ON (l."userId", l."dateOfSleep") l."dateOfSleep" AS date, l."minutesAsleep", l.type, l."deepMinutes", l."lightMinutes", l."remMinutes", l."wakeMinutes"
      FROM "SleepLog" l JOIN members m ON m."userId" = l."userId" WHERE l."dateOfSleep" BETWEEN ${day(from)} AND ${day(to)}
      ORDER BY l."userId", l."dateOfSleep", ${rank(Prisma.sql`l.provider`)}, l."isMainSleep" DESC, l."durationMs" DESC
    ), sleep AS (
      SELECT date, count(*) AS sleep_n, ${q(Prisma.sql`"minutesAsleep"`)} AS total,
        ${q(Prisma.sql`"deepMinutes"`)} FILTER (WHERE type = 'STAGES' AND "deepMinutes" IS NOT NULL) AS deep,
        ${q(Prisma.sql`"lightMinutes"`)} FILTER (WHERE type = 'STAGES' AND "lightMinutes" IS NOT NULL) AS light,
        ${q(Prisma.sql`"remMinutes"`)} FILTER (WHERE type = 'STAGES' AND "remMinutes" IS NOT NULL) AS rem,
        ${q(Prisma.sql`"wakeMinutes"`)} FILTER (WHERE type = 'STAGES' AND "wakeMinutes" IS NOT NULL) AS wake
      FROM nights GROUP BY date
    ), hrv_days AS (
      SELECT DISTINCT ON (h."userId", h.date) h.date, h."dailyRmssd" FROM "HrvDaily" h JOIN members m ON m."userId" = h."userId"
      WHERE h.date BETWEEN ${day(from)} AND ${day(to)} ORDER BY h."userId", h.date, ${rank(Prisma.sql`h.provider`)}
    ), hrv AS (SELECT date, count(*) AS hrv_n, ${q(Prisma.sql`"dailyRmssd"`)} AS hrv FROM hrv_days GROUP BY date),
    br_days AS (
      SELECT DISTINCT ON (b."userId", b.date) b.date, b."fullSleep" FROM "BreathingRateDaily" b JOIN members m ON m."userId" = b."userId"
      WHERE b.date BETWEEN ${day(from)} AND ${day(to)} AND b."fullSleep" IS NOT NULL ORDER BY b."userId", b.date, ${rank(Prisma.sql`b.provider`)}
    ), br AS (SELECT date, count(*) AS br_n, ${q(Prisma.sql`"fullSleep"`)} AS br FROM br_days GROUP BY date)
    SELECT d.date::date AS date, coalesce(s.sleep_n, 0) AS sleep_n, s.total, s.deep, s.light, s.rem, s.wake, coalesce(h.hrv_n, 0) AS hrv_n, h.hrv, coalesce(br.br_n, 0) AS br_n, br.br
    FROM generate_series(${day(from)}::date, ${day(to)}::date, interval '1 day') AS d(date)
    LEFT JOIN sleep s ON s.date = d.date LEFT JOIN hrv h ON h.date = d.date LEFT JOIN br ON br.date = d.date ORDER BY d.date`;
  const band = (values: number[] | null) => (values && values[1] !== null && values[1] !== undefined ? { p25: Math.round(values[0]! * 10) / 10, median: Math.round(values[1] * 10) / 10, p75: Math.round(values[2]! * 10) / 10 } : null);
  return rows.map((row) => ({
    date: row.date.toISOString().slice(0, 10), sleepN: Number(row.sleep_n), totalSleep: band(row.total), deep: band(row.deep), light: band(row.light), rem: band(row.rem), wake: band(row.wake),
    hrvN: Number(row.hrv_n), hrv: band(row.hrv), breathingN: Number(row.br_n), breathing: band(row.br),
  }));
}

async function referenceScatter(studyId: string, from: string, to: string) {
  const foodFrom = from > WINDOW.from ? new Date(day(from).getTime() - 86_400_000) : day(WINDOW.from);
  const [row] = await db.$queryRaw<Array<{ total: bigint; slope: number | null; intercept: number | null; r2: number | null; min_cal: number | null; max_cal: number | null; points: Array<[number, number]> | null }>>`
    WITH members AS (SELECT "userId" FROM "StudyParticipant" WHERE "studyId" = ${studyId} AND "leftAt" IS NULL),
    evening_by_provider AS (
      SELECT f."userId", f.date, f.provider, sum(f.calories) AS calories FROM "FoodLogEntry" f JOIN members m ON m."userId" = f."userId"
      WHERE f.date BETWEEN ${foodFrom} AND ${day(to)} AND f."mealTypeId" IN (5, 6) GROUP BY f."userId", f.date, f.provider
    ), evening AS (
      SELECT DISTINCT ON ("userId", date) "userId", date, calories FROM evening_by_provider ORDER BY "userId", date, ${rank(Prisma.sql`provider`)}
    ), nights AS (
      SELECT DISTINCT ON (l."userId", l."dateOfSleep") l."userId", l."dateOfSleep" AS date, l.type, l."deepMinutes"
      FROM "SleepLog" l JOIN members m ON m."userId" = l."userId" WHERE l."dateOfSleep" BETWEEN ${day(from)} AND ${day(to)}
      ORDER BY l."userId", l."dateOfSleep", ${rank(Prisma.sql`l.provider`)}, l."isMainSleep" DESC, l."durationMs" DESC
    ), pairs AS (
      SELECT e.calories::float8 AS calories, n."deepMinutes"::float8 AS deep FROM nights n JOIN evening e ON e."userId" = n."userId" AND e.date = n.date - 1
      WHERE n.type = 'STAGES' AND n."deepMinutes" IS NOT NULL
    )
    SELECT count(*) AS total, regr_slope(deep, calories) AS slope, regr_intercept(deep, calories) AS intercept, regr_r2(deep, calories) AS r2,
      min(calories) AS min_cal, max(calories) AS max_cal, json_agg(json_build_array(round(calories), deep) ORDER BY calories, deep) AS points FROM pairs`;
  return row!;
}

async function referenceCoverage(studyId: string, from: string, to: string) {
  const rows = await db.$queryRaw<Array<{ id: string; sleep: bigint; hrv: bigint; br: bigint; food: bigint }>>`
    SELECT sp.id,
      (SELECT count(DISTINCT l."dateOfSleep") FROM "SleepLog" l WHERE l."userId" = sp."userId" AND l."dateOfSleep" BETWEEN ${day(from)} AND ${day(to)}) AS sleep,
      (SELECT count(DISTINCT h.date) FROM "HrvDaily" h WHERE h."userId" = sp."userId" AND h.date BETWEEN ${day(from)} AND ${day(to)}) AS hrv,
      (SELECT count(DISTINCT b.date) FROM "BreathingRateDaily" b WHERE b."userId" = sp."userId" AND b.date BETWEEN ${day(from)} AND ${day(to)} AND b."fullSleep" IS NOT NULL) AS br,
      (SELECT count(DISTINCT n.date) FROM "NutritionDaily" n WHERE n."userId" = sp."userId" AND n.date BETWEEN ${day(from)} AND ${day(to)} AND (n."caloriesIn" > 0 OR n."foodLogFetched")) AS food
    FROM "StudyParticipant" sp WHERE sp."studyId" = ${studyId} AND sp."leftAt" IS NULL ORDER BY sp."studyCode"`;
  return rows.map((row) => ({ id: row.id, counts: [row.sleep, row.hrv, row.br, row.food].map(Number) }));
}

/** The views read from the aggregates equal the reference over the raw rows. */
async function expectViewsMatchRawRows(w: Awaited<ReturnType<typeof world>>) {
  const study = await w.authorized();
  const result = (await charts.getCohortCharts(study, WINDOW))!;
  expect(result.nights).toEqual(await referenceNights(w.studyId, result.from, result.to));
  const reference = await referenceScatter(w.studyId, result.from, result.to);
  const scatter = result.scatter!;
  expect(scatter.total).toBe(Number(reference.total));
  expect(scatter.points.map((p) => [p.eveningCalories, p.deepMinutes]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)).toEqual(reference.points ?? []);
  expect([scatter.minCalories, scatter.maxCalories]).toEqual([reference.min_cal, reference.max_cal]);
  if (Number(reference.total) >= 3 && reference.slope !== null) {
    expect(scatter.trend!.slope).toBeCloseTo(reference.slope, 9);
    expect(scatter.trend!.intercept).toBeCloseTo(reference.intercept!, 7);
    expect(scatter.trend!.r2!).toBeCloseTo(reference.r2!, 9);
  } else expect(scatter.trend).toBeNull();
  const page = await table.getCohortTable(study, { sort: "studyCode", dir: "asc", page: 1 }, NOW);
  const days = page.windowDays;
  expect(page.items.map((row) => ({ id: row.participantId, counts: [row.coverage.sleep, row.coverage.hrv, row.coverage.breathing, row.coverage.nutrition].map((share) => Math.round(share! * days)) })))
    .toEqual(await referenceCoverage(w.studyId, WINDOW.from, WINDOW.to));
  return result;
}

const nightOf = (result: { nights: Array<{ date: string }> }, date: string) => result.nights.find((night) => night.date === date) as import("./cohort-charts-types").CohortNight;

describe("cohort aggregates stay equal to the raw rows", () => {
  it("security: the SQL precedence the aggregates use is lib/providers/precedence.ts", async () => {
    const ranks = await db.$queryRaw<Array<{ rank: number }>>`SELECT cohort_provider_rank(p) AS rank FROM unnest(${[...PROVIDER_PRECEDENCE, "unknown"]}::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i`;
    expect(ranks.map((row) => row.rank)).toEqual([...PROVIDER_PRECEDENCE.keys(), PROVIDER_PRECEDENCE.length]);
  });

  it("after a sync commit, a re-sync that changes and removes nights, and a Google row for a night that had a Fitbit one", async () => {
    const w = await world();
    const [a, b, c] = [await w.person(), await w.person(), await w.person()];
    for (const id of [a, b, c]) await w.enrol(id);

    // First sync: three nights each, a nap, a classic night, HRV, breathing, evening food.
    await syncSleep(a, "fitbit", "2026-03-04", "2026-03-06", [sleepRow("2026-03-04", 400, 60), sleepRow("2026-03-05", 410, 70), sleepRow("2026-03-05", 30, 0, { main: false }), sleepRow("2026-03-06", 390, 50)]);
    await syncSleep(b, "fitbit", "2026-03-04", "2026-03-06", [sleepRow("2026-03-04", 450, 90), sleepRow("2026-03-05", 430, 85, { classic: true }), sleepRow("2026-03-06", 470, 95)]);
    await syncSleep(c, "fitbit", "2026-03-05", "2026-03-05", [sleepRow("2026-03-05", 380, 40)]);
    await db.$transaction((tx) => writers.writeHrvDaily(tx, a, "fitbit", { start: "2026-03-04", end: "2026-03-06" }, [{ date: day("2026-03-05"), dailyRmssd: 31, deepRmssd: null }, { date: day("2026-03-06"), dailyRmssd: 29, deepRmssd: null }]));
    await db.$transaction((tx) => writers.writeBreathingRate(tx, b, "fitbit", { start: "2026-03-05", end: "2026-03-05" }, [{ date: day("2026-03-05"), fullSleep: 14.2, deepSleep: null, lightSleep: null, remSleep: null }]));
    await syncDinners(a, "fitbit", "2026-03-03", [{ calories: 700, meal: 5 }, { calories: 150, meal: 6 }, { calories: 900, meal: 3 }]);
    await syncDinners(a, "fitbit", "2026-03-04", [{ calories: 500, meal: 5 }]);
    await syncDinners(b, "fitbit", "2026-03-03", [{ calories: 1000, meal: 5 }]);
    await syncDinners(b, "fitbit", "2026-03-05", [{ calories: 300, meal: 5 }]);
    await syncDinners(c, "fitbit", "2026-03-04", [{ calories: 650, meal: 5 }]);
    let result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-05")).toMatchObject({ sleepN: 3, totalSleep: { median: 410 }, deep: { p25: 47.5, median: 55, p75: 62.5 }, hrvN: 1, breathingN: 1 });
    expect(result.scatter!.total).toBe(5); // a: 03-04, 03-05; b: 03-04, 03-06; c: 03-05

    // Re-sync of the same range: a's 03-05 night changed, 03-06 is gone at the provider.
    await syncSleep(a, "fitbit", "2026-03-04", "2026-03-06", [sleepRow("2026-03-04", 400, 60), sleepRow("2026-03-05", 480, 100)]);
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-05").totalSleep).toEqual({ p25: 405, median: 430, p75: 455 });
    expect(nightOf(result, "2026-03-06").sleepN).toBe(1);
    // The same data again changes nothing.
    await syncSleep(a, "fitbit", "2026-03-04", "2026-03-06", [sleepRow("2026-03-04", 400, 60), sleepRow("2026-03-05", 480, 100)]);
    expect(await expectViewsMatchRawRows(w)).toEqual(result);

    // Google arrives for c's night: it wins over the Fitbit row the night had.
    await syncSleep(c, "google-health", "2026-03-05", "2026-03-05", [sleepRow("2026-03-05", 520, 120, { id: "G-1" })]);
    await db.$transaction((tx) => writers.writeHrvDaily(tx, c, "google-health", { start: "2026-03-05", end: "2026-03-05" }, [{ date: day("2026-03-05"), dailyRmssd: 55, deepRmssd: null }]));
    await syncDinners(c, "google-health", "2026-03-04", [{ calories: 200, meal: 6 }]);
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-05")).toMatchObject({ sleepN: 3, totalSleep: { median: 480, p75: 500 }, hrvN: 2 });
    const googleNight = await db.studyParticipantNight.findUniqueOrThrow({ where: { studyId_date_userId: { studyId: w.studyId, date: day("2026-03-05"), userId: c } } });
    expect(googleNight).toMatchObject({ minutesAsleep: 520, deepMinutes: 120, hrv: 55, eveningCalories: 200 });
    // And when the Google night is deleted at the provider, the Fitbit night shows again.
    await syncSleep(c, "google-health", "2026-03-05", "2026-03-05", []);
    await expectViewsMatchRawRows(w);
    expect((await db.studyParticipantNight.findUniqueOrThrow({ where: { studyId_date_userId: { studyId: w.studyId, date: day("2026-03-05"), userId: c } } })).minutesAsleep).toBe(380);
  });

  it("a participant who leaves is out of every aggregate at once; one who joins later brings their history", async () => {
    const w = await world();
    const [a, b] = [await w.person(), await w.person()];
    await w.enrol(a);
    await syncSleep(a, "fitbit", "2026-03-10", "2026-03-11", [sleepRow("2026-03-10", 400, 60), sleepRow("2026-03-11", 420, 80)]);
    // b synced before joining: the history comes with the enrolment.
    await syncSleep(b, "fitbit", "2026-03-10", "2026-03-10", [sleepRow("2026-03-10", 500, 100)]);
    await syncDinners(b, "fitbit", "2026-03-09", [{ calories: 800, meal: 5 }]);
    let result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-10").sleepN).toBe(1);
    const enrolment = await w.enrol(b);
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-10")).toMatchObject({ sleepN: 2, totalSleep: { median: 450 } });
    expect(result.scatter!.total).toBe(1);

    await db.studyParticipant.update({ where: { id: enrolment.id }, data: { leftAt: new Date() } });
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-10")).toMatchObject({ sleepN: 1, totalSleep: { median: 400 } });
    expect(result.scatter!.total).toBe(0);
    expect(await db.studyParticipantNight.count({ where: { studyId: w.studyId, userId: b } })).toBe(0);
    expect(await db.studyParticipantCoverage.count({ where: { studyId: w.studyId, userId: b } })).toBe(0);
    // A night b syncs after leaving is not shared either.
    await syncSleep(b, "fitbit", "2026-03-11", "2026-03-11", [sleepRow("2026-03-11", 300, 30)]);
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-11").sleepN).toBe(1);
  });

  it("an admin's data deletion and 'Delete my data' take the person's nights out of the study's aggregates", async () => {
    const w = await world();
    const [a, b, c] = [await w.person(), await w.person(), await w.person()];
    for (const id of [a, b, c]) await w.enrol(id);
    for (const [id, minutes] of [[a, 400], [b, 440], [c, 480]] as const) {
      await syncSleep(id, "fitbit", "2026-03-20", "2026-03-21", [sleepRow("2026-03-20", minutes, 60), sleepRow("2026-03-21", minutes + 10, 70)]);
      await syncDinners(id, "fitbit", "2026-03-19", [{ calories: minutes * 2, meal: 5 }]);
    }
    let result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-20")).toMatchObject({ sleepN: 3, totalSleep: { median: 440 } });

    const { deleteSyncedData } = await import("../admin/delete-synced-data");
    await db.$transaction((tx) => deleteSyncedData(tx, b));
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-20")).toMatchObject({ sleepN: 2, totalSleep: { median: 440, p25: 420, p75: 460 } });
    expect(result.scatter!.total).toBe(2);

    const { deleteAccount } = await import("../account/delete-account");
    await deleteAccount(c);
    result = await expectViewsMatchRawRows(w);
    expect(nightOf(result, "2026-03-20")).toMatchObject({ sleepN: 1, totalSleep: { median: 400 } });
    expect(await db.studyParticipantNight.count({ where: { userId: { in: [b, c] } } })).toBe(0);
  });

  it("the connection shown and the last data sync follow the person's changes after enrolment", async () => {
    const w = await world();
    const a = await w.person();
    await w.enrol(a);
    const row = async (status?: "ACTIVE" | "NEEDS_RECONSENT") => (await table.getCohortTable(await w.authorized(), { sort: "lastDataSync", dir: "desc", page: 1, ...(status ? { status } : {}) }, NOW)).items[0];
    expect(await row()).toMatchObject({ provider: null, status: null, lastDataSync: null, stale: true });
    const fitbit = await db.providerConnection.create({ data: { userId: a, provider: "fitbit", providerUserId: `U${++counter}`, grantedScopes: [] } });
    await db.syncState.create({ data: { userId: a, provider: "fitbit", lastSyncCompletedAt: new Date("2026-04-09T10:00:00Z") } });
    expect(await row()).toMatchObject({ provider: "fitbit", status: "ACTIVE", lastDataSync: new Date("2026-04-09T10:00:00Z"), stale: false });
    await db.providerConnection.update({ where: { id: fitbit.id }, data: { status: "NEEDS_RECONSENT" } });
    expect(await row("ACTIVE")).toBeUndefined();
    expect(await row("NEEDS_RECONSENT")).toMatchObject({ provider: "fitbit", status: "NEEDS_RECONSENT" });
    // Google connected: an active connection is shown first.
    await db.providerConnection.create({ data: { userId: a, provider: "google-health", providerUserId: `G${++counter}`, grantedScopes: [] } });
    await db.syncState.create({ data: { userId: a, provider: "google-health", lastSyncCompletedAt: new Date("2026-04-10T11:00:00Z") } });
    expect(await row("ACTIVE")).toMatchObject({ provider: "google-health", status: "ACTIVE", lastDataSync: new Date("2026-04-10T11:00:00Z") });
    await db.syncState.delete({ where: { userId_provider: { userId: a, provider: "google-health" } } });
    await db.providerConnection.deleteMany({ where: { userId: a, provider: "google-health" } });
    expect(await row()).toMatchObject({ provider: "fitbit", status: "NEEDS_RECONSENT", lastDataSync: new Date("2026-04-09T10:00:00Z") });
  });

  it("a changed study window recounts coverage; nights after today are not counted yet", async () => {
    const w = await world();
    const a = await w.person();
    await w.enrol(a);
    await syncSleep(a, "fitbit", "2026-03-01", "2026-04-30", [sleepRow("2026-03-02", 400, 60), sleepRow("2026-03-30", 400, 60), sleepRow("2026-04-05", 400, 60), sleepRow("2026-04-20", 400, 60)]);
    const count = async () => {
      const study = await w.authorized();
      const [row] = (await table.getCohortTable(study, { sort: "sleepCoverage", dir: "desc", page: 1 }, NOW)).items;
      return Math.round(row!.coverage.sleep! * (await table.getCohortTable(study, { sort: "studyCode", dir: "asc", page: 1 }, NOW)).windowDays);
    };
    expect(await count()).toBe(2);
    await db.study.update({ where: { id: w.studyId }, data: { startDate: day("2026-03-15"), endDate: null } });
    // 03-30 and 04-05; 04-20 is after NOW (04-10): not yet.
    expect(await count()).toBe(2);
    await db.study.update({ where: { id: w.studyId }, data: { startDate: day("2026-03-01") } });
    expect(await count()).toBe(3);
  });
});
