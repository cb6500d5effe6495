/**
 * The Sleep page's long ranges grouped in PostgreSQL (sleep-buckets.ts) against a real, freshly
 * migrated database: hand-worked medians and IQR for the rules the SQL restates (provider
 * precedence, which log is the main sleep, naps, stages only from stages nights, Monday weeks,
 * calendar months, rounding), then a random year checked against the night-by-night query
 * grouped in JS by groupStats, the way the page answered before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../dates";
import { groupStats } from "../range-buckets";
import { createTestDatabase, setServerEnv } from "../testing/test-env";
import { insertSleepLog, type SleepLogRowOptions } from "../testing/sleep-log-row";

type Db = typeof import("../db/client").db;
let db: Db;
let buckets: typeof import("./sleep-buckets");
let sleepRange: typeof import("./sleep-range");
let sleepNights: typeof import("./sleep-nights");
let self: (userId: string) => import("../authz/subject").AuthorizedSubject;

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  buckets = await import("./sleep-buckets");
  sleepRange = await import("./sleep-range");
  sleepNights = await import("./sleep-nights");
  const { authorizeSelf } = await import("../authz/authorize");
  self = (userId) => authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" });
});

const gap = (date: string) => ({ date, count: 0, median: null, p25: null, p75: null });
const newUser = () => db.user.create({ data: { name: "Test", timezone: "Europe/London" } });
const sleepLog = (userId: string, date: string, options: SleepLogRowOptions = {}) =>
  insertSleepLog(db, userId, date, options);

describe("loadSleepBuckets", () => {
  it("groups by calendar month with the nightly page's rules for provider, main sleep and naps", async () => {
    const user = await newUser();
    // 2 Feb: nothing flagged main: the longest log (460 min in bed, 420 asleep, deep 90) is the main sleep, the other a nap.
    await sleepLog(user.id, "2026-02-02", {
      main: false,
      stages: [60, 180, 60, 30],
      start: "2026-02-01T20:00:00.000",
    });
    await sleepLog(user.id, "2026-02-02", {
      main: false,
      stages: [90, 240, 90, 40],
      start: "2026-02-01T23:00:00.000",
    });
    // 10 Feb: two flagged: the earlier (400 asleep, deep 70) is the main sleep, though shorter in bed; the other (380) a nap.
    await sleepLog(user.id, "2026-02-10", {
      stages: [70, 240, 90, 30],
      start: "2026-02-09T22:00:00.000",
    });
    await sleepLog(user.id, "2026-02-10", {
      stages: [50, 250, 80, 120],
      start: "2026-02-09T23:00:00.000",
    });
    // 14 Feb: Fitbit's classic 410 wins over a provider the app does not rank; classic: no stages.
    await sleepLog(user.id, "2026-02-14", { provider: "elsewhere", classic: true, asleep: 350 });
    await sleepLog(user.id, "2026-02-14", { classic: true, asleep: 410 });
    // 20 Feb: only the unranked provider: counted (400 asleep, deep 100).
    await sleepLog(user.id, "2026-02-20", { provider: "elsewhere", stages: [100, 200, 100, 50] });
    // 27 Feb: Google's classic 390 and its 30-minute stages nap win over Fitbit's 500.
    await sleepLog(user.id, "2026-02-27", {
      provider: "google-health",
      classic: true,
      asleep: 390,
    });
    await sleepLog(user.id, "2026-02-27", {
      provider: "google-health",
      main: false,
      stages: [10, 20, 0, 5],
      start: "2026-02-27T14:00:00.000",
    });
    await sleepLog(user.id, "2026-02-27", { asleep: 500 });
    // March: 401 and 402: quartiles 401.25 and 401.75, rounded to 0.1 half up.
    await sleepLog(user.id, "2026-03-03", { classic: true, asleep: 401 });
    await sleepLog(user.id, "2026-03-04", { classic: true, asleep: 402 });

    const result = await buckets.loadSleepBuckets(user.id, "2025-01-01", "2026-04-30", "month");
    expect(result.nights).toEqual([
      "2026-02-02",
      "2026-02-10",
      "2026-02-14",
      "2026-02-20",
      "2026-02-27",
      "2026-03-03",
      "2026-03-04",
    ]);
    for (const series of Object.values(result.series))
      expect(series.map((month) => month.date).slice(-4)).toEqual([
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
        "2026-04-01",
      ]);
    expect(result.series.asleep).toHaveLength(16);
    const [january, february, march, april] = result.series.asleep.slice(-4);
    expect([january, april]).toEqual([gap("2026-01-01"), gap("2026-04-01")]);
    // Asleep 390 400 400 410 420: median 400, p25 the 2nd value, p75 the 4th.
    expect(february).toEqual({ date: "2026-02-01", count: 5, median: 400, p25: 400, p75: 410 });
    expect(march).toEqual({ date: "2026-03-01", count: 2, median: 401.5, p25: 401.3, p75: 401.8 });
    // Naps 30 300 380: p25 30 + 0.5 × 270, p75 300 + 0.5 × 80.
    expect(result.series.naps.at(-3)).toEqual({
      date: "2026-02-01",
      count: 3,
      median: 300,
      p25: 165,
      p75: 340,
    });
    // Deep of the stages main sleeps 90 70 100; light 240 240 200; wake 40 30 50.
    expect(result.series.deep.at(-3)).toEqual({
      date: "2026-02-01",
      count: 3,
      median: 90,
      p25: 80,
      p75: 95,
    });
    expect(result.series.light.at(-3)).toEqual({
      date: "2026-02-01",
      count: 3,
      median: 240,
      p25: 220,
      p75: 240,
    });
    expect(result.series.wake.at(-3)).toEqual({
      date: "2026-02-01",
      count: 3,
      median: 40,
      p25: 35,
      p75: 45,
    });
    expect(result.series.deep.at(-2)).toEqual(gap("2026-03-01"));
  });

  it("starts weeks on Monday, counts only from..to, and keeps other people's nights out", async () => {
    const user = await newUser();
    const other = await newUser();
    await sleepLog(user.id, "2025-12-01", { classic: true, asleep: 100 }); // Monday before the range: not counted
    await sleepLog(user.id, "2025-12-02", { classic: true, asleep: 400 }); // Tuesday, first day of the range
    await sleepLog(user.id, "2025-12-07", { classic: true, asleep: 420 }); // Sunday: same week
    await sleepLog(user.id, "2025-12-08", { classic: true, asleep: 300 }); // Monday: next week
    await sleepLog(user.id, "2026-12-01", { classic: true, asleep: 450 }); // last day, week of 30 Nov
    await sleepLog(user.id, "2026-12-02", { classic: true, asleep: 10 }); // after the range
    await sleepLog(other.id, "2025-12-03", { classic: true, asleep: 10 });

    const { nights, series } = await buckets.loadSleepBuckets(
      user.id,
      "2025-12-02",
      "2026-12-01",
      "week",
    );
    expect(nights).toEqual(["2025-12-02", "2025-12-07", "2025-12-08", "2026-12-01"]);
    expect(series.asleep).toHaveLength(53);
    expect(series.asleep[0]).toEqual({
      date: "2025-12-01",
      count: 2,
      median: 410,
      p25: 405,
      p75: 415,
    });
    expect(series.asleep[1]).toEqual({
      date: "2025-12-08",
      count: 1,
      median: 300,
      p25: 300,
      p75: 300,
    });
    expect(series.asleep.at(-1)).toEqual({
      date: "2026-11-30",
      count: 1,
      median: 450,
      p25: 450,
      p75: 450,
    });
    expect(series.naps.every((week) => week.count === 0)).toBe(true);
  });

  it("answers a random year exactly as the nightly rows grouped by groupStats (the JS grouping it replaced)", async () => {
    const user = await newUser();
    let seed = 20261201;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = (n: number) => Math.floor(random() * n);
    const from = "2025-12-02";
    const to = "2026-12-01";
    for (let day = 0; day <= daysBetween(from, to); day++) {
      const date = addDays(from, day);
      if (random() < 0.1) continue; // no log
      const providers =
        random() < 0.15
          ? ["fitbit", "google-health"]
          : [random() < 0.5 ? "fitbit" : "google-health"];
      for (const provider of providers) {
        const stages = [40 + pick(80), 150 + pick(150), 50 + pick(80), 10 + pick(60)] as [
          number,
          number,
          number,
          number,
        ];
        await sleepLog(user.id, date, {
          provider,
          classic: random() < 0.2,
          asleep: random() < 0.2 ? 200 + pick(300) : undefined,
          stages,
          main: random() < 0.95,
        });
        if (random() < 0.2)
          await sleepLog(user.id, date, {
            provider,
            main: false,
            stages: [0, 10 + pick(60), 0, pick(10)],
            start: `${date}T14:00:00.000`,
          });
      }
    }

    const grouped = await sleepRange.getSleepRange(self(user.id), { from, to });
    if (grouped.bucket === "day") throw new Error("a year must be grouped");
    const { nights } = await sleepNights.getSleepNights(self(user.id), { from, to });
    const expected = (value: (night: (typeof nights)[number]) => number | null) =>
      groupStats(
        nights.map((night) => [night.date, value(night)] as const),
        from,
        to,
        "week",
      );
    expect(grouped.series).toEqual({
      asleep: expected((night) => night.minutesAsleep),
      naps: expected((night) => night.napMinutesAsleep),
      deep: expected((night) => night.deep),
      light: expected((night) => night.light),
      rem: expected((night) => night.rem),
      wake: expected((night) => night.wake),
    });
    const withData = nights.filter((night) => night.type !== null).map((night) => night.date);
    expect(grouped).toMatchObject({
      datesWithData: withData,
      nightCount: withData.length,
      latestNight: withData.at(-1),
    });
    expect(withData.length).toBeGreaterThan(300);
  }, 60_000);
});
