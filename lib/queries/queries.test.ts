/**
 * The dashboard query modules against a real, freshly migrated PostgreSQL: rows in, typed
 * gap-filled series out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";
import { insertSleepLog, type SleepLogRowOptions } from "../testing/sleep-log-row";

type Db = typeof import("../db/client").db;
let db: Db;
let q: {
  sleep: typeof import("./sleep-nights");
  night: typeof import("./sleep-night-detail");
  hrv: typeof import("./hrv");
  hrvNight: typeof import("./hrv-intraday");
  breathing: typeof import("./breathing");
  nutrition: typeof import("./nutrition");
  meals: typeof import("./meals");
  exporter: typeof import("./export");
  context: typeof import("./dashboard-context");
};
let self: (userId: string) => import("../authz/subject").AuthorizedSubject;

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  q = {
    sleep: await import("./sleep-nights"),
    night: await import("./sleep-night-detail"),
    hrv: await import("./hrv"),
    hrvNight: await import("./hrv-intraday"),
    breathing: await import("./breathing"),
    nutrition: await import("./nutrition"),
    meals: await import("./meals"),
    exporter: await import("./export"),
    context: await import("./dashboard-context"),
  };
  const { authorizeSelf } = await import("../authz/authorize");
  self = (userId) => authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" });
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function newUser(unitSystem: "METRIC" | "US" | "UK" = "METRIC") {
  return db.user.create({ data: { name: "Test", timezone: "Europe/London", unitSystem } });
}

function sleepLog(userId: string, date: string, options: SleepLogRowOptions = {}) {
  return insertSleepLog(db, userId, date, options);
}

describe("sleep nights", () => {
  it("returns one row per date with nulls for missing nights, main sleep and naps apart", async () => {
    const user = await newUser();
    await sleepLog(user.id, "2026-03-01", { stages: [60, 240, 90, 30] });
    await sleepLog(user.id, "2026-03-01", { main: false, classic: true, asleep: 40, inBed: 45, start: "2026-03-01T14:00:00.000" });
    await sleepLog(user.id, "2026-03-03", { classic: true, asleep: 380, inBed: 400 });
    await sleepLog(user.id, "2026-03-06", {}); // outside the range
    const result = await q.sleep.getSleepNights(self(user.id), { from: "2026-03-01", to: "2026-03-04" });
    expect(result.nights.map((night) => night.date)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(result.nightCount).toBe(2);
    expect(result.latestNight).toBe("2026-03-03");
    const [first, gap, classic, last] = result.nights;
    expect(first).toMatchObject({ type: "stages", deep: 60, light: 240, rem: 90, wake: 30, minutesAsleep: 390, timeInBed: 420, efficiency: 93 });
    expect(first).toMatchObject({ napCount: 1, napMinutesAsleep: 40, totalMinutesAsleep: 430, asleep: null });
    expect(gap).toMatchObject({ type: null, deep: null, minutesAsleep: null, efficiency: null, napCount: 0, napMinutesAsleep: null, totalMinutesAsleep: null });
    expect(classic).toMatchObject({ type: "classic", deep: null, asleep: 380, restless: 15, awake: 5, efficiency: 95 });
    expect(last?.type).toBeNull();
  });

  it("computes 30-day rolling stage averages from stages nights, including nights before the range", async () => {
    const user = await newUser();
    await sleepLog(user.id, "2026-01-10", { stages: [40, 200, 60, 20] });
    await sleepLog(user.id, "2026-02-01", { stages: [80, 240, 100, 40] });
    await sleepLog(user.id, "2026-02-03", { classic: true });
    const result = await q.sleep.getSleepNights(self(user.id), { from: "2026-02-01", to: "2026-02-10" });
    expect(result.nights[0]).toMatchObject({ avgDeep: 60, avgLight: 220, avgRem: 80, avgWake: 30 }); // 10 Jan is 22 days earlier
    expect(result.nights[2]).toMatchObject({ avgDeep: 60 }); // the classic night adds nothing
    expect(result.nights[9]).toMatchObject({ avgDeep: 80 }); // 10 Feb: window starts 12 Jan
  });

  it("never returns another person's nights", async () => {
    const me = await newUser();
    const other = await newUser();
    await sleepLog(other.id, "2026-04-01", {});
    const result = await q.sleep.getSleepNights(self(me.id), { from: "2026-04-01", to: "2026-04-01" });
    expect(result.nightCount).toBe(0);
  });
});

describe("night detail", () => {
  it("parses levels into segments (in the order sent) and short wakes, main sleep first", async () => {
    const user = await newUser();
    await sleepLog(user.id, "2026-05-02", { main: false, classic: true, start: "2026-05-02T15:00:00.000", levels: { data: [{ dateTime: "2026-05-02T15:00:00.000", level: "asleep", seconds: 1800 }] } });
    await sleepLog(user.id, "2026-05-02", {
      start: "2026-05-01T23:00:00.000",
      levels: {
        data: [
          { dateTime: "2026-05-01T23:00:00.000", level: "wake", seconds: 30 },
          { dateTime: "2026-05-01T23:00:30.000", level: "light", seconds: 600 },
          { dateTime: "2026-05-01T23:10:30.000", level: "bogus", seconds: 30 },
        ],
        shortData: [{ dateTime: "2026-05-01T23:05:00.000", level: "wake", seconds: 60 }],
      },
    });
    const detail = await q.night.getSleepNightDetail(self(user.id), "2026-05-02");
    expect(detail.logs.map((log) => [log.isMainSleep, log.type])).toEqual([
      [true, "stages"],
      [false, "classic"],
    ]);
    expect(detail.logs[0]?.segments).toEqual([
      { start: "2026-05-01T23:00:00.000", level: "wake", seconds: 30 },
      { start: "2026-05-01T23:00:30.000", level: "light", seconds: 600 },
    ]);
    expect(detail.logs[0]?.shortWakes).toHaveLength(1);
    expect(detail.logs[1]?.segments[0]?.level).toBe("asleep");
    expect((await q.night.getSleepNightDetail(self(user.id), "2026-05-03")).logs).toEqual([]);
  });
});

describe("HRV", () => {
  it("gap-fills daily values and builds the baseline band from prior days only", async () => {
    const user = await newUser();
    const values = [40, 42, 44, 46, 48, 50, 52];
    for (const [index, value] of values.entries()) {
      await db.hrvDaily.create({ data: { userId: user.id, provider: "fitbit", date: day(`2026-06-0${index + 1}`), dailyRmssd: value, deepRmssd: value - 5 } });
    }
    await db.hrvDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-06-09"), dailyRmssd: 70, deepRmssd: null } });
    const result = await q.hrv.getHrv(self(user.id), { from: "2026-06-07", to: "2026-06-10" });
    expect(result.days.map((row) => row.date)).toEqual(["2026-06-07", "2026-06-08", "2026-06-09", "2026-06-10"]);
    expect(result.days[0]).toMatchObject({ dailyRmssd: 52, deepRmssd: 47, baselineMean: null }); // only 6 prior nights
    expect(result.days[1]).toMatchObject({ dailyRmssd: null, deepRmssd: null, baselineMean: 46, baselineLow: 41.7, baselineHigh: 50.3 });
    expect(result.days[2]).toMatchObject({ dailyRmssd: 70, deepRmssd: null, baselineMean: 46 });
    expect(result.dayCount).toBe(2);
    expect(result.latestNight).toBe("2026-06-09");
  });

  it("returns a night's readings in order with a null where a window is missing", async () => {
    const user = await newUser();
    await db.hrvIntraday.create({
      data: {
        userId: user.id,
        provider: "fitbit",
        date: day("2026-06-02"),
        readings: [
          { minute: "2026-06-02T01:00:00.000", rmssd: 30, coverage: 0.95, hf: 110, lf: 210 },
          { minute: "2026-06-02T01:05:00.000", rmssd: 31.23, coverage: 0.9, hf: 100, lf: 200 },
          { minute: "2026-06-02T01:20:00.000", rmssd: 35, coverage: 0.99, hf: 120, lf: 220 },
        ],
      },
    });
    const night = await q.hrvNight.getHrvNight(self(user.id), "2026-06-02");
    expect(night.readings.map((reading) => [reading.minute, reading.rmssd])).toEqual([
      ["2026-06-02T01:00:00.000", 30],
      ["2026-06-02T01:05:00.000", 31.2],
      ["2026-06-02T01:10:00.000", null],
      ["2026-06-02T01:20:00.000", 35],
    ]);
    expect((await q.hrvNight.getHrvNight(self(user.id), "2026-06-03")).readings).toEqual([]);
  });

  it("keeps a fall-back night's repeated hour in the order it happened", async () => {
    const user = await newUser();
    const minutes = ["01:50", "01:55", "01:00", "01:05"].map((clock) => `2026-11-01T${clock}:00.000`);
    await db.hrvIntraday.create({
      data: {
        userId: user.id,
        provider: "fitbit",
        date: day("2026-11-01"),
        readings: minutes.map((minute, index) => ({ minute, rmssd: 30 + index, coverage: 0.9, hf: 100, lf: 200 })),
      },
    });
    const night = await q.hrvNight.getHrvNight(self(user.id), "2026-11-01");
    expect(night.readings.map((reading) => reading.rmssd)).toEqual([30, 31, 32, 33]);
  });
});

describe("breathing rate", () => {
  it("keeps null stage values and gaps", async () => {
    const user = await newUser();
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-07-01"), fullSleep: 15.24, deepSleep: 14, lightSleep: 15.5, remSleep: null } });
    const result = await q.breathing.getBreathing(self(user.id), { from: "2026-07-01", to: "2026-07-02" });
    expect(result.days).toEqual([
      { date: "2026-07-01", full: 15.2, deep: 14, light: 15.5, rem: null },
      { date: "2026-07-02", full: null, deep: null, light: null, rem: null },
    ]);
    expect(result.dayCount).toBe(1);
  });
});

describe("nutrition and meals", () => {
  it("treats unlogged zero days as gaps and converts water for US users", async () => {
    const user = await newUser("US");
    await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-08-01"), caloriesIn: 2100, waterMl: 1892.7099609375, carbsG: 250.04, fatG: 70, proteinG: 90, calorieGoal: 2300, foodLogFetched: true } });
    await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-08-02"), caloriesIn: 0, waterMl: 0 } });
    await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-08-03"), caloriesIn: 0, waterMl: 500 } });
    const result = await q.nutrition.getNutrition(self(user.id), { from: "2026-08-01", to: "2026-08-04" }, "US");
    expect(result.waterUnit).toBe("fl oz");
    expect(result.days[0]).toMatchObject({ caloriesIn: 2100, water: 64, carbsG: 250, calorieGoal: 2300 });
    expect(result.days[1]).toMatchObject({ caloriesIn: null, water: null });
    expect(result.days[2]).toMatchObject({ caloriesIn: 0, water: 16.9, carbsG: null });
    expect(result.days[3]).toMatchObject({ caloriesIn: null });
    expect(result.dayCount).toBe(2);
  });

  it("groups a day's food log by meal in meal order with totals", async () => {
    const user = await newUser();
    const entry = (id: string, mealTypeId: number, calories: number, carbsG: number | null) =>
      db.foodLogEntry.create({ data: { userId: user.id, provider: "fitbit", providerLogId: id, date: day("2026-08-05"), mealTypeId, name: `Food ${id}`, brand: "", amount: 1, unitName: "serving", calories, carbsG, fatG: 1, proteinG: 2 } });
    await entry("1", 5, 600, 50);
    await entry("2", 1, 300, 40);
    await entry("3", 1, 100.4, null);
    await entry("4", 7, 50, 5);
    await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-08-05"), caloriesIn: 1050, waterMl: 750, calorieGoal: 2000, foodLogFetched: true } });
    const meals = await q.meals.getMeals(self(user.id), "2026-08-05", "METRIC");
    expect(meals.meals.map((meal) => [meal.name, meal.entries.length, meal.totals.calories])).toEqual([
      ["Breakfast", 2, 400],
      ["Dinner", 1, 600],
      ["Anytime", 1, 50],
    ]);
    expect(meals.meals[0]?.totals).toMatchObject({ carbsG: 40, fatG: 2, proteinG: 4 });
    expect(meals).toMatchObject({ totals: { calories: 1050 }, calorieGoal: 2000, water: 750, waterUnit: "ml" });
    expect((await q.meals.getMeals(self(user.id), "2026-08-06", "METRIC")).meals).toEqual([]);
  });
});

describe("export", () => {
  it("lists every value in long format, skipping gaps", async () => {
    const user = await newUser("US");
    await sleepLog(user.id, "2026-09-02", { stages: [70, 230, 80, 30] });
    await db.hrvDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-09-02"), dailyRmssd: 33.3 } });
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-09-01"), fullSleep: 14.5 } });
    await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-09-01"), caloriesIn: 1800, waterMl: 295.735295625 } });
    const rows = await q.exporter.getExportRows(self(user.id), { from: "2026-09-01", to: "2026-09-03" }, "US");
    expect(rows.filter((row) => row.date === "2026-09-01")).toEqual([
      { date: "2026-09-01", metric: "breathing_rate_full", value: 14.5, unit: "brpm" },
      { date: "2026-09-01", metric: "calories_in", value: 1800, unit: "kcal" },
      { date: "2026-09-01", metric: "water", value: 10, unit: "fl oz" },
    ]);
    const sep2 = Object.fromEntries(rows.filter((row) => row.date === "2026-09-02").map((row) => [row.metric, `${row.value} ${row.unit}`]));
    expect(sep2).toMatchObject({
      sleep_minutes_asleep: "380 min",
      sleep_deep_minutes: "70 min",
      sleep_wake_minutes: "30 min",
      sleep_efficiency: "93 %",
      hrv_daily_rmssd: "33.3 ms",
    });
    expect(sep2.hrv_deep_rmssd).toBeUndefined();
    expect(rows.some((row) => row.date === "2026-09-03")).toBe(false);
  });
});

describe("dashboard context", () => {
  it("reports missing scopes, unavailable metrics and a never-synced person", async () => {
    const user = await newUser();
    await db.providerConnection.create({ data: { userId: user.id, provider: "fitbit", providerUserId: `P${user.id}`, grantedScopes: ["sleep", "heartrate", "nutrition"] } });
    let context = await q.context.getDashboardContext(self(user.id));
    expect(context.neverSynced).toBe(true);
    expect(context.access.breathing).toEqual({ state: "missing_scope", scope: "respiratory_rate" });
    expect(context.access.sleep).toEqual({ state: "ok" });
    await db.syncState.create({ data: { userId: user.id, provider: "fitbit", status: "RUNNING", lastSyncStartedAt: new Date(), unavailable: { hrv: "Heart rate variability was not shared with Nightly.", brStages: "Per-stage breathing rates need intraday access." } } });
    context = await q.context.getDashboardContext(self(user.id));
    expect(context).toMatchObject({ neverSynced: false, syncing: true, connected: true });
    expect(context.access.hrv).toEqual({ state: "missing_scope", scope: "heartrate" });
    expect(context.access.nutrition).toEqual({ state: "ok" });
    expect(context.notes).toEqual({ brStages: "Per-stage breathing rates need intraday access." });
  });
});
