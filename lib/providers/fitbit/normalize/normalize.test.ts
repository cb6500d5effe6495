import { describe, expect, it } from "vitest";
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
import { normalizeDevices } from "./devices";
import { localToInstant } from "@/lib/providers/local-time";
import { normalizeFoodDay, normalizeNutritionSeries } from "./nutrition";
import {
  normalizeBrIntraday,
  normalizeBrSummary,
  normalizeHrvIntraday,
  normalizeHrvSummary,
} from "./physiology";
import { normalizeSleepLogs } from "./sleep";

const london = { timezone: "Europe/London", utcOffsetMs: 0 };
const newYork = { timezone: "America/New_York", utcOffsetMs: -18_000_000 };

/** The reference's stages example (§5.2), trimmed levels. */
const stagesLog = {
  dateOfSleep: "2020-02-21",
  duration: 27_720_000,
  efficiency: 96,
  endTime: "2020-02-21T07:03:30.000",
  infoCode: 0,
  isMainSleep: true,
  levels: {
    data: [
      { dateTime: "2020-02-20T23:21:30.000", level: "wake", seconds: 630 },
      { dateTime: "2020-02-20T23:32:00.000", level: "light", seconds: 30 },
    ],
    shortData: [{ dateTime: "2020-02-21T00:10:30.000", level: "wake", seconds: 30 }],
    summary: {
      deep: { count: 5, minutes: 104, thirtyDayAvgMinutes: 69 },
      light: { count: 32, minutes: 205, thirtyDayAvgMinutes: 202 },
      rem: { count: 11, minutes: 75, thirtyDayAvgMinutes: 87 },
      wake: { count: 30, minutes: 78, thirtyDayAvgMinutes: 55 },
    },
  },
  logId: 26013218219,
  logType: "auto_detected",
  minutesAfterWakeup: 0,
  minutesAsleep: 384,
  minutesAwake: 78,
  minutesToFallAsleep: 0,
  startTime: "2020-02-20T23:21:30.000",
  timeInBed: 462,
  type: "stages",
  someFutureKey: { anything: true },
};

/** The reference's classic nap (§5.5). */
const classicNap = {
  dateOfSleep: "2020-02-21",
  duration: 3_600_000,
  efficiency: 92,
  endTime: "2020-02-21T16:37:00.000",
  infoCode: 2,
  isMainSleep: false,
  levels: {
    data: [{ dateTime: "2020-02-21T15:36:30.000", level: "restless", seconds: 60 }],
    summary: {
      asleep: { count: 0, minutes: 56 },
      awake: { count: 0, minutes: 0 },
      restless: { count: 3, minutes: 4 },
    },
  },
  logId: 26315914306,
  logType: "manual",
  minutesAfterWakeup: 0,
  minutesAsleep: 55,
  minutesAwake: 5,
  minutesToFallAsleep: 0,
  startTime: "2020-02-21T15:37:00.000",
  timeInBed: 60,
  type: "classic",
};

describe("sleep", () => {
  it("maps a stages log and a classic nap of the same night, keeping local times as sent", () => {
    const payload = sleepResponseSchema.parse({
      sleep: [stagesLog, classicNap],
      summary: { totalSleepRecords: 2 },
    });
    const [main, nap] = normalizeSleepLogs(payload.sleep, london);
    expect(main).toMatchObject({
      providerLogId: "26013218219",
      startLocal: "2020-02-20T23:21:30.000",
      type: "STAGES",
      isMainSleep: true,
      deepMinutes: 104,
      wakeMinutes: 78,
      asleepMinutes: null,
      thirtyDayAvgMinutes: { deep: 69, light: 202, rem: 87, wake: 55 },
    });
    expect(main!.dateOfSleep.toISOString()).toBe("2020-02-21T00:00:00.000Z");
    expect(main!.startAt.toISOString()).toBe("2020-02-20T23:21:30.000Z");
    expect(main!.endAt.toISOString()).toBe("2020-02-21T07:03:30.000Z");
    expect(main!.levels.shortData).toHaveLength(1);
    expect(nap).toMatchObject({
      type: "CLASSIC",
      isMainSleep: false,
      asleepMinutes: 56,
      restlessMinutes: 4,
      deepMinutes: null,
    });
    expect(nap!.thirtyDayAvgMinutes).toBeNull();
    expect(nap!.levels.shortData).toEqual([]);
  });

  it("treats an empty day and a pending day as no logs", () => {
    const empty = sleepResponseSchema.parse({
      sleep: [],
      summary: { totalMinutesAsleep: 0, totalSleepRecords: 0, totalTimeInBed: 0 },
    });
    expect(normalizeSleepLogs(empty.sleep, london)).toEqual([]);
    const pending = sleepResponseSchema.parse({ meta: { retryDuration: 3000, state: "pending" } });
    expect(pending.sleep).toBeUndefined();
    expect(normalizeSleepLogs(pending.sleep, london)).toEqual([]);
  });

  it("rejects a log missing required fields", () => {
    expect(sleepResponseSchema.safeParse({ sleep: [{ bogus: true }] }).success).toBe(false);
  });

  it("computes instants across the autumn DST change from start + duration", () => {
    // New York, night ending 2025-11-02: 23:00 EDT → 07:00 EST is 9 h of real time.
    const log = {
      ...stagesLog,
      dateOfSleep: "2025-11-02",
      startTime: "2025-11-01T23:00:00.000",
      endTime: "2025-11-02T07:00:00.000",
      duration: 9 * 3_600_000,
    };
    const [row] = normalizeSleepLogs(sleepResponseSchema.parse({ sleep: [log] }).sleep, newYork);
    expect(row!.startAt.toISOString()).toBe("2025-11-02T03:00:00.000Z");
    expect(row!.endAt.toISOString()).toBe("2025-11-02T12:00:00.000Z");
    expect(row!.startUtcOffsetMin).toBe(-240);
    expect(row!.endUtcOffsetMin).toBe(-300);
  });

  it("computes instants across the spring DST change", () => {
    const log = {
      ...stagesLog,
      dateOfSleep: "2025-03-09",
      startTime: "2025-03-08T23:00:00.000",
      endTime: "2025-03-09T07:00:00.000",
      duration: 7 * 3_600_000,
    };
    const [row] = normalizeSleepLogs(sleepResponseSchema.parse({ sleep: [log] }).sleep, newYork);
    expect(row!.startAt.toISOString()).toBe("2025-03-09T04:00:00.000Z");
    expect(row!.endAt.toISOString()).toBe("2025-03-09T11:00:00.000Z");
    expect([row!.startUtcOffsetMin, row!.endUtcOffsetMin]).toEqual([-300, -240]);
  });
});

describe("local times in DST gaps and overlaps", () => {
  it("reads a wall time in the spring gap with the pre-jump offset (lands after the jump)", () => {
    const at = localToInstant("2025-03-09T02:30:00.000", newYork);
    expect(at.at.toISOString()).toBe("2025-03-09T07:30:00.000Z"); // = 03:30 EDT
    expect(at.utcOffsetMin).toBe(-240);
  });

  it("reads a repeated autumn wall time as the earlier instant", () => {
    const at = localToInstant("2025-11-02T01:30:00.000", newYork);
    expect(at.at.toISOString()).toBe("2025-11-02T05:30:00.000Z"); // first 01:30, EDT
    expect(at.utcOffsetMin).toBe(-240);
  });

  it("falls back to the profile's fixed offset without a timezone", () => {
    const at = localToInstant("2025-01-01T08:00:00.000", {
      timezone: null,
      utcOffsetMs: 9 * 3_600_000,
    });
    expect(at.at.toISOString()).toBe("2024-12-31T23:00:00.000Z");
    expect(at.utcOffsetMin).toBe(540);
  });
});

describe("HRV and breathing rate", () => {
  it("maps the HRV summary; days without data are simply absent", () => {
    const rows = normalizeHrvSummary(
      hrvSummarySchema.parse({
        hrv: [{ value: { dailyRmssd: 34.938, deepRmssd: 31.567 }, dateTime: "2021-10-25" }],
      }),
    );
    expect(rows).toEqual([
      { date: new Date("2021-10-25T00:00:00Z"), dailyRmssd: 34.938, deepRmssd: 31.567 },
    ]);
    expect(normalizeHrvSummary(hrvSummarySchema.parse({ hrv: [] }))).toEqual([]);
  });

  it("maps HRV intraday readings with local minutes as sent", () => {
    const payload = hrvIntradaySchema.parse({
      hrv: [
        {
          minutes: [
            {
              minute: "2021-10-25T09:10:00.000",
              value: { rmssd: 26.617, coverage: 0.935, hf: 126.514, lf: 471.897 },
            },
          ],
          dateTime: "2021-10-25",
        },
      ],
    });
    expect(normalizeHrvIntraday(payload)[0]!.readings).toEqual([
      {
        minute: "2021-10-25T09:10:00.000",
        rmssd: 26.617,
        coverage: 0.935,
        hf: 126.514,
        lf: 471.897,
      },
    ]);
  });

  it("turns -1 breathing rates into null", () => {
    const payload = brIntradaySchema.parse({
      br: [
        {
          value: {
            deepSleepSummary: { breathingRate: 16.8 },
            remSleepSummary: { breathingRate: -1 },
            fullSleepSummary: { breathingRate: 17.8 },
            lightSleepSummary: { breathingRate: 16.8 },
          },
          dateTime: "2021-10-25",
        },
      ],
    });
    expect(normalizeBrIntraday(payload)[0]).toMatchObject({
      fullSleep: 17.8,
      deepSleep: 16.8,
      lightSleep: 16.8,
      remSleep: null,
    });
    const summary = brSummarySchema.parse({
      br: [{ value: { breathingRate: -1 }, dateTime: "2021-10-26" }],
    });
    expect(normalizeBrSummary(summary)[0]!.fullSleep).toBeNull();
  });
});

describe("nutrition and devices", () => {
  it("joins the string-valued series by date", () => {
    const calories = caloriesInSeriesSchema.parse({
      "foods-log-caloriesIn": [
        { dateTime: "2019-03-15", value: "2143" },
        { dateTime: "2019-03-16", value: "0" },
      ],
    });
    const water = waterSeriesSchema.parse({
      "foods-log-water": [
        { dateTime: "2019-03-15", value: "1500.0" },
        { dateTime: "2019-03-16", value: "0.0" },
      ],
    });
    const rows = normalizeNutritionSeries(
      calories["foods-log-caloriesIn"],
      water["foods-log-water"],
    );
    expect(rows.map((r) => [r.day, r.caloriesIn, r.waterMl])).toEqual([
      ["2019-03-15", 2143, 1500],
      ["2019-03-16", 0, 0],
    ]);
    expect(
      caloriesInSeriesSchema.safeParse({
        "foods-log-caloriesIn": [{ dateTime: "2019-03-15", value: "lots" }],
      }).success,
    ).toBe(false);
  });

  it("maps a day's food log (reference §9.1) and an empty day", () => {
    const payload = foodLogDaySchema.parse({
      foods: [
        {
          isFavorite: true,
          logDate: "2019-03-21",
          logId: 17406206369,
          loggedFood: {
            accessLevel: "PUBLIC",
            amount: 1,
            brand: "Subway",
            calories: 280,
            foodId: 14022778,
            locale: "en_US",
            mealTypeId: 3,
            name: "6 inch Turkey Breast",
            unit: { id: 296, name: "sandwich", plural: "sandwiches" },
            units: [296],
          },
          nutritionalValues: {
            calories: 280,
            carbs: 46,
            fat: 3.5,
            fiber: 5,
            protein: 18,
            sodium: 760,
          },
        },
      ],
      goals: { calories: 2910 },
      summary: { calories: 280, carbs: 46, fat: 3.5, fiber: 5, protein: 18, sodium: 760, water: 0 },
    });
    const { totals, entries } = normalizeFoodDay(payload, "2019-03-21");
    expect(totals).toEqual({
      carbsG: 46,
      fatG: 3.5,
      fiberG: 5,
      proteinG: 18,
      sodiumMg: 760,
      calorieGoal: 2910,
    });
    expect(entries[0]).toMatchObject({
      providerLogId: "17406206369",
      mealTypeId: 3,
      unitName: "sandwich",
      calories: 280,
    });
    const empty = foodLogDaySchema.parse({ foods: [], summary: { calories: 0, water: 0 } });
    expect(normalizeFoodDay(empty, "2019-03-22")).toEqual({
      totals: {
        carbsG: null,
        fatG: null,
        fiberG: null,
        proteinG: null,
        sodiumMg: null,
        calorieGoal: null,
      },
      entries: [],
    });
  });

  it("maps devices with the last sync as local text and instant", () => {
    const devices = devicesSchema.parse([
      {
        battery: "Medium",
        batteryLevel: 60,
        deviceVersion: "Charge 2",
        features: [],
        id: "816713257",
        lastSyncTime: "2019-11-07T12:00:58.000",
        mac: "X",
        type: "TRACKER",
      },
      {
        battery: "High",
        deviceVersion: "Aria",
        id: "5656777",
        lastSyncTime: "2014-07-17T13:38:13.000",
        mac: "Y",
        type: "SCALE",
      },
    ]);
    const rows = normalizeDevices(devices, london);
    expect(rows[0]).toMatchObject({
      providerDeviceId: "816713257",
      batteryLevel: 60,
      lastSyncLocal: "2019-11-07T12:00:58.000",
    });
    expect(rows[0]!.lastSyncAt.toISOString()).toBe("2019-11-07T12:00:58.000Z");
    expect(rows[1]!.lastSyncAt.toISOString()).toBe("2014-07-17T12:38:13.000Z"); // BST
    expect(rows[1]!.batteryLevel).toBeNull();
  });
});
