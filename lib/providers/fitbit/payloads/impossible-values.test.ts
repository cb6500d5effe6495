import { describe, expect, it } from "vitest";
import { devicesSchema } from "./devices";
import { caloriesInSeriesSchema, foodLogDaySchema } from "./nutrition";
import { brSummarySchema, hrvIntradaySchema, hrvSummarySchema } from "./physiology";
import { sleepResponseSchema } from "./sleep";

/**
 * Impossible provider values are rejected by validation (a rejected chunk), instead of passing
 * and then throwing from the database or date arithmetic at write time.
 */
const goodLog = {
  dateOfSleep: "2026-02-21",
  duration: 27_720_000,
  efficiency: 96,
  endTime: "2026-02-21T07:03:30.000",
  infoCode: 0,
  isMainSleep: true,
  levels: { data: [{ dateTime: "2026-02-20T23:21:30.000", level: "wake", seconds: 630 }], summary: { wake: { minutes: 10 } } },
  logId: 26013218219,
  logType: "auto_detected",
  minutesAfterWakeup: 0,
  minutesAsleep: 430,
  minutesAwake: 32,
  minutesToFallAsleep: 0,
  startTime: "2026-02-20T23:21:30.000",
  timeInBed: 462,
  type: "stages",
};

describe("provider payloads: impossible values are rejected", () => {
  it("accepts a plausible sleep log", () => {
    expect(sleepResponseSchema.safeParse({ sleep: [goodLog] }).success).toBe(true);
  });

  it.each([
    ["month 13", { dateOfSleep: "2026-13-01" }],
    ["30 February", { dateOfSleep: "2026-02-30" }],
    ["year 0001", { dateOfSleep: "0001-01-01" }],
    ["hour 25", { startTime: "2026-02-20T25:21:30.000" }],
    ["impossible local date", { endTime: "2026-02-31T07:03:30.000" }],
    ["minutes past Int", { minutesAsleep: 2_147_483_648 }],
    ["duration past Int", { duration: 9_007_199_254_740_991 }],
    ["efficiency past Int", { efficiency: -2_147_483_649 }],
  ])("sleep: %s", (_label, patch) => {
    expect(sleepResponseSchema.safeParse({ sleep: [{ ...goodLog, ...patch }] }).success).toBe(false);
  });

  it("HRV and breathing: impossible dates and times", () => {
    expect(hrvSummarySchema.safeParse({ hrv: [{ dateTime: "2026-13-01", value: { dailyRmssd: 30 } }] }).success).toBe(false);
    expect(brSummarySchema.safeParse({ br: [{ dateTime: "0000-01-08", value: { breathingRate: 15 } }] }).success).toBe(false);
    const minute = (value: string) => ({
      hrv: [{ dateTime: "2026-03-01", minutes: [{ minute: value, value: { rmssd: 30, coverage: 0.9, hf: 100, lf: 200 } }] }],
    });
    expect(hrvIntradaySchema.safeParse(minute("2026-03-01T03:05:00.000")).success).toBe(true);
    expect(hrvIntradaySchema.safeParse(minute("2026-03-01T03:65:00.000")).success).toBe(false);
  });

  it("nutrition: calories that overflow an Int column, goals past Int", () => {
    expect(caloriesInSeriesSchema.safeParse({ "foods-log-caloriesIn": [{ dateTime: "2026-03-01", value: "2143" }] }).success).toBe(true);
    expect(caloriesInSeriesSchema.safeParse({ "foods-log-caloriesIn": [{ dateTime: "2026-03-01", value: "99999999999" }] }).success).toBe(false);
    const day = { foods: [], summary: { calories: 0 }, goals: { calories: 3_000_000_000 } };
    expect(foodLogDaySchema.safeParse(day).success).toBe(false);
  });

  it("devices: battery level past Int, impossible last sync time", () => {
    const device = { id: "1", deviceVersion: "Charge 6", type: "TRACKER", battery: "High", lastSyncTime: "2026-03-01T10:00:00.000" };
    expect(devicesSchema.safeParse([device]).success).toBe(true);
    expect(devicesSchema.safeParse([{ ...device, batteryLevel: 2 ** 40 }]).success).toBe(false);
    expect(devicesSchema.safeParse([{ ...device, lastSyncTime: "2026-00-01T10:00:00.000" }]).success).toBe(false);
  });
});
