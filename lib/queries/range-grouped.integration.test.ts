/**
 * The grouped range queries (a range over 62 days by week, over 400 by month) against a real,
 * freshly migrated PostgreSQL: rows in, the median and IQR of each bucket out, computed by hand
 * here; provider precedence, gaps and other people's rows as on the nightly queries.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";
import { insertSleepLog, type SleepLogRowOptions } from "../testing/sleep-log-row";

type Db = typeof import("../db/client").db;
let db: Db;
let q: {
  sleep: typeof import("./sleep-range");
  sleepNights: typeof import("./sleep-nights");
  hrv: typeof import("./hrv-range");
  breathing: typeof import("./breathing-range");
  breathingNight: typeof import("./breathing-night");
  nutrition: typeof import("./nutrition-range");
};
let self: (userId: string) => import("../authz/subject").AuthorizedSubject;

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  q = {
    sleep: await import("./sleep-range"),
    sleepNights: await import("./sleep-nights"),
    hrv: await import("./hrv-range"),
    breathing: await import("./breathing-range"),
    breathingNight: await import("./breathing-night"),
    nutrition: await import("./nutrition-range"),
  };
  const { authorizeSelf } = await import("../authz/authorize");
  self = (userId) => authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" });
});

const YEAR = { from: "2025-12-02", to: "2026-12-01" }; // 365 days: by week
const day = (date: string) => new Date(`${date}T00:00:00Z`);
const gap = (date: string) => ({ date, count: 0, median: null, p25: null, p75: null });

async function newUser(unitSystem: "METRIC" | "US" | "UK" = "METRIC") {
  return db.user.create({ data: { name: "Test", timezone: "Europe/London", unitSystem } });
}

function sleepLog(userId: string, date: string, options: SleepLogRowOptions = {}) {
  return insertSleepLog(db, userId, date, options);
}

describe("sleep over a year", () => {
  it("answers 53 weeks (Monday starts) of median and IQR per series, one provider per night, gaps kept", async () => {
    const user = await newUser();
    const other = await newUser();
    await sleepLog(user.id, "2025-12-01", {}); // the day before the range, in its first week: not counted
    await sleepLog(user.id, "2026-03-02", { stages: [60, 240, 90, 30] }); // Mon, 390 asleep
    await sleepLog(user.id, "2026-03-03", { stages: [80, 200, 100, 20] }); // 380 asleep
    await sleepLog(user.id, "2026-03-03", { main: false, classic: true, asleep: 40 }); // a nap
    await sleepLog(user.id, "2026-03-04", { classic: true, asleep: 400 }); // no stages
    await sleepLog(user.id, "2026-03-05", { asleep: 500, stages: [10, 10, 10, 10] }); // Fitbit's copy…
    await sleepLog(user.id, "2026-03-05", { provider: "google-health", stages: [90, 240, 90, 30] }); // …Google's wins: 420
    await sleepLog(user.id, "2026-11-30", {});
    await sleepLog(other.id, "2026-03-06", { asleep: 10 }); // someone else

    const result = await q.sleep.getSleepRange(self(user.id), YEAR);
    if (result.bucket === "day") throw new Error("a year must be grouped");
    expect(result.bucket).toBe("week");
    expect(result.datesWithData).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-11-30"]);
    expect(result).toMatchObject({ from: YEAR.from, to: YEAR.to, nightCount: 5, latestNight: "2026-11-30" });
    for (const series of Object.values(result.series)) {
      expect(series).toHaveLength(53);
      expect(series[0]!.date).toBe("2025-12-01");
      expect(series.map((week) => week.date)).toEqual(result.series.asleep.map((week) => week.date));
    }
    const week = (date: string) => (series: typeof result.series.asleep) => series.find((row) => row.date === date);
    const march = week("2026-03-02");
    // Asleep 380 390 400 420: median 395, p25 380 + 0.75 × 10, p75 400 + 0.25 × 20.
    expect(march(result.series.asleep)).toEqual({ date: "2026-03-02", count: 4, median: 395, p25: 387.5, p75: 405 });
    // Deep of the three stages nights (Google's on the 5th): 60 80 90.
    expect(march(result.series.deep)).toEqual({ date: "2026-03-02", count: 3, median: 80, p25: 70, p75: 85 });
    expect(march(result.series.naps)).toEqual({ date: "2026-03-02", count: 1, median: 40, p25: 40, p75: 40 });
    expect(week("2026-03-09")(result.series.asleep)).toEqual(gap("2026-03-09"));
    expect(result.series.asleep[0]).toEqual(gap("2025-12-01"));
    expect(result.series.asleep.filter((row) => row.count > 0)).toHaveLength(2);
  });

  it("keeps two months and less night by night, exactly as getSleepNights", async () => {
    const user = await newUser();
    await sleepLog(user.id, "2026-03-02", {});
    const twoMonths = { from: "2026-02-01", to: "2026-04-03" }; // 62 days
    const result = await q.sleep.getSleepRange(self(user.id), twoMonths);
    expect(result).toEqual({ bucket: "day", ...(await q.sleepNights.getSleepNights(self(user.id), twoMonths)) });
  });
});

describe("HRV over more than 400 days", () => {
  it("groups by calendar month, Google's value first, an empty month a gap", async () => {
    const user = await newUser();
    const rows: [string, string, number][] = [
      ["fitbit", "2026-02-02", 40],
      ["fitbit", "2026-02-10", 50],
      ["fitbit", "2026-02-20", 99], // Google's 60 wins this night
      ["google-health", "2026-02-20", 60],
      ["google-health", "2026-02-28", 70],
      ["fitbit", "2026-04-15", 45.04],
    ];
    for (const [provider, date, value] of rows) await db.hrvDaily.create({ data: { userId: user.id, provider, date: day(date), dailyRmssd: value } });
    const result = await q.hrv.getHrvRange(self(user.id), { from: "2025-01-01", to: "2026-04-30" });
    if (result.bucket === "day") throw new Error("16 months must be grouped");
    expect(result.bucket).toBe("month");
    expect(result.series.dailyRmssd).toHaveLength(16);
    // 40 50 60 70: median 55, p25 40 + 0.75 × 10, p75 60 + 0.25 × 10.
    expect(result.series.dailyRmssd.slice(-3)).toEqual([
      { date: "2026-02-01", count: 4, median: 55, p25: 47.5, p75: 62.5 },
      gap("2026-03-01"),
      { date: "2026-04-01", count: 1, median: 45, p25: 45, p75: 45 },
    ]);
    expect(result).toMatchObject({ dayCount: 5, latestNight: "2026-04-15", datesWithData: ["2026-02-02", "2026-02-10", "2026-02-20", "2026-02-28", "2026-04-15"] });
  });
});

describe("breathing over a year", () => {
  it("groups the full-sleep rate by week and serves a chosen night's stages on their own", async () => {
    const user = await newUser();
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-06-01"), fullSleep: 15.24, deepSleep: 14, lightSleep: 15.5, remSleep: null } });
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-06-02"), fullSleep: 16, deepSleep: null, lightSleep: null, remSleep: null } });
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-06-03"), fullSleep: null, deepSleep: 13, lightSleep: null, remSleep: null } });
    await db.breathingRateDaily.create({ data: { userId: user.id, provider: "fitbit", date: day("2026-06-09"), fullSleep: null, deepSleep: null, lightSleep: 14, remSleep: null } });
    const result = await q.breathing.getBreathingRange(self(user.id), YEAR);
    if (result.bucket === "day") throw new Error("a year must be grouped");
    expect(result.series.full.find((week) => week.date === "2026-06-01")).toEqual({ date: "2026-06-01", count: 2, median: 15.6, p25: 15.4, p75: 15.8 });
    expect(result.series.full.find((week) => week.date === "2026-06-08")).toEqual(gap("2026-06-08"));
    // The picker lists nights the by-stage chart can show (full or deep), the count every night with any rate.
    expect(result).toMatchObject({ datesWithData: ["2026-06-01", "2026-06-02", "2026-06-03"], dayCount: 4, latestNight: "2026-06-09" });
    expect(await q.breathingNight.getBreathingNight(self(user.id), "2026-06-01")).toEqual({
      date: "2026-06-01",
      night: { date: "2026-06-01", full: 15.2, deep: 14, light: 15.5, rem: null },
    });
    expect(await q.breathingNight.getBreathingNight(self(user.id), "2026-06-05")).toEqual({ date: "2026-06-05", night: null });
  });
});

describe("nutrition over a year", () => {
  it("groups logged days' calories and water (in the person's unit) by week; unlogged zero days are gaps", async () => {
    const user = await newUser("US");
    const rows: [string, number, number, boolean][] = [
      ["2026-08-03", 2000, 1000, true],
      ["2026-08-04", 0, 0, false], // nothing logged
      ["2026-08-05", 2400, 2000, true],
      ["2026-08-06", 1800, 0, true],
    ];
    for (const [date, caloriesIn, waterMl, foodLogFetched] of rows) {
      await db.nutritionDaily.create({ data: { userId: user.id, provider: "fitbit", date: day(date), caloriesIn, waterMl, foodLogFetched } });
    }
    const result = await q.nutrition.getNutritionRange(self(user.id), YEAR, "US");
    if (result.bucket === "day") throw new Error("a year must be grouped");
    const week = (series: typeof result.series.water) => series.find((row) => row.date === "2026-08-03");
    expect(week(result.series.caloriesIn)).toEqual({ date: "2026-08-03", count: 3, median: 2000, p25: 1900, p75: 2200 });
    // 0, 33.8 and 67.6 fl oz.
    expect(week(result.series.water)).toEqual({ date: "2026-08-03", count: 3, median: 33.8, p25: 16.9, p75: 50.7 });
    expect(result).toMatchObject({ waterUnit: "fl oz", dayCount: 3, latestDay: "2026-08-06", datesWithData: ["2026-08-03", "2026-08-05", "2026-08-06"] });
  });
});
