import { describe, expect, it } from "vitest";
import { fitbitDataRoutes } from "../fitbit/data-routes";
import { devicesFor, foodDay, waterDay } from "./index";
import { lateHeavyDinner } from "./lifestyle";
import { dispatch, NOW, PEOPLE, person, servedDates } from "./test-support";
import { parseDay } from "./time";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

describe.each(PEOPLE.map((p) => [p.archetype, p] as const))("food diary: %s", (_n, p) => {
  const dates = servedDates(p);

  it("day summaries are the sums of the items; items have catalogue-shaped fields", () => {
    const ids = new Set<number>();
    for (const date of dates) {
      const day = foodDay(p, date, NOW);
      expect(Object.keys(day)).toEqual(["foods", "goals", "summary"]);
      expect(day.goals.calories).toBeGreaterThan(1000);
      const sum = (k: "calories" | "carbs" | "fat" | "fiber" | "protein" | "sodium") =>
        day.foods.reduce((a, f) => a + f.nutritionalValues[k], 0);
      for (const k of ["calories", "carbs", "fat", "fiber", "protein", "sodium"] as const) {
        expect(near(day.summary[k], Math.round(sum(k) * 100) / 100)).toBe(true);
      }
      expect(Number.isInteger(day.summary.calories)).toBe(true);
      expect(day.summary.water).toBe(waterDay(p, date, NOW).summary.water);
      for (const f of day.foods) {
        expect(f.logDate).toBe(date);
        expect([1, 2, 3, 4, 5, 6, 7]).toContain(f.loggedFood.mealTypeId);
        expect(f.loggedFood.calories).toBe(f.nutritionalValues.calories);
        expect(f.loggedFood.units[0]).toBe(f.loggedFood.unit.id);
        expect(ids.has(f.logId)).toBe(false);
        ids.add(f.logId);
      }
    }
  });

  it("water logs add up, in ml by default", () => {
    for (const date of dates.slice(-30)) {
      const w = waterDay(p, date, NOW);
      expect(w.summary.water).toBe(w.water.reduce((a, x) => a + x.amount, 0));
    }
  });
});

describe("food habits", () => {
  const share = (p: (typeof PEOPLE)[number]) =>
    servedDates(p).filter((d) => foodDay(p, d, NOW).foods.length === 0).length / 730;

  it("steady logs nearly every day; sparse leaves most days empty", () => {
    expect(share(person("steady"))).toBeLessThan(0.1);
    expect(share(person("sparse"))).toBeGreaterThan(0.5);
    const empty = servedDates(person("sparse")).find(
      (d) => foodDay(person("sparse"), d, NOW).foods.length === 0,
    )!;
    expect(foodDay(person("sparse"), empty, NOW)).toEqual({
      foods: [],
      goals: { calories: 2200 },
      summary: { calories: 0, carbs: 0, fat: 0, fiber: 0, protein: 0, sodium: 0, water: 0 },
    });
  });

  it("uses meal types 1-7, evening snacks rarely", () => {
    const counts = new Map<number, number>();
    for (const d of servedDates(person("steady"))) {
      for (const f of foodDay(person("steady"), d, NOW).foods) {
        counts.set(f.loggedFood.mealTypeId, (counts.get(f.loggedFood.mealTypeId) ?? 0) + 1);
      }
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(counts.get(6)!).toBeLessThan(counts.get(5)! / 10);
  });

  it("late heavy dinners are over 900 kcal of mealTypeId 5", () => {
    const p = person("dst_traveller");
    let heavy = 0;
    for (const d of servedDates(p).slice(0, -1)) {
      if (!lateHeavyDinner(p, parseDay(d)!)) continue;
      heavy++;
      const dinner = foodDay(p, d, NOW).foods.filter((f) => f.loggedFood.mealTypeId === 5);
      expect(dinner.reduce((a, f) => a + f.nutritionalValues.calories, 0)).toBeGreaterThan(900);
    }
    expect(heavy).toBeGreaterThan(30);
  });

  it("today shows only what was logged by now, tomorrow nothing", () => {
    const p = person("steady"); // London
    const morning = foodDay(p, "2026-11-24", Date.UTC(2026, 10, 24, 9, 0));
    const evening = foodDay(p, "2026-11-24", Date.UTC(2026, 10, 24, 23, 0));
    expect(morning.foods.length).toBeLessThan(evening.foods.length);
    expect(
      morning.foods.every((f) => f.loggedFood.mealTypeId === 1 || f.loggedFood.mealTypeId === 7),
    ).toBe(true);
    expect(foodDay(p, "2026-11-25", NOW).foods).toEqual([]);
  });
});

describe("time series", () => {
  it("caloriesIn has one entry per day, '0' on empty days, matching the day logs", () => {
    const p = person("sparse");
    const { res } = dispatch(
      fitbitDataRoutes,
      p,
      "/1/user/-/foods/log/caloriesIn/date/2026-06-01/2026-08-31.json",
    );
    const series = (res.body as { "foods-log-caloriesIn": { dateTime: string; value: string }[] })[
      "foods-log-caloriesIn"
    ];
    expect(series).toHaveLength(92);
    let zeros = 0;
    for (const e of series) {
      const day = foodDay(p, e.dateTime, NOW);
      expect(e.value).toBe(String(day.summary.calories));
      expect(e.value).toMatch(/^\d+$/);
      if (day.foods.length === 0) {
        expect(e.value).toBe("0");
        zeros++;
      }
    }
    expect(zeros).toBeGreaterThan(20);
  });

  it("water series values are decimal strings; en_US gets fl oz", () => {
    const p = person("steady");
    const url = "/1/user/-/foods/log/water/date/2026-11-23/7d.json";
    const ml = (
      dispatch(fitbitDataRoutes, p, url).res.body as Record<
        string,
        { dateTime: string; value: string }[]
      >
    )["foods-log-water"]!;
    const oz = (
      dispatch(fitbitDataRoutes, p, url, { acceptLanguage: "en_US" }).res.body as Record<
        string,
        { value: string }[]
      >
    )["foods-log-water"]!;
    expect(ml.map((e) => e.dateTime)).toEqual([
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
    ]);
    for (const [i, e] of ml.entries()) {
      expect(e.value).toMatch(/^\d+\.\d+$/);
      expect(e.value).toBe(waterDay(p, e.dateTime, NOW).summary.water.toFixed(1));
      expect(Math.abs(Number(oz[i]!.value) - Number(e.value) / 29.5735)).toBeLessThan(0.01);
    }
  });
});

describe("devices", () => {
  it("lists a tracker (and the scale for the steady sleeper) synced shortly before now", () => {
    for (const p of PEOPLE) {
      const devices = devicesFor(p, NOW);
      expect(devices[0]!.type).toBe("TRACKER");
      expect(devices.length).toBe(p.archetype === "steady" ? 2 : 1);
      for (const d of devices) {
        expect(d.lastSyncTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000$/);
        expect(["High", "Medium", "Low", "Empty"]).toContain(d.battery);
        expect(d.batteryLevel).toBeGreaterThanOrEqual(0);
        expect(d.batteryLevel).toBeLessThanOrEqual(100);
      }
      const { res } = dispatch(fitbitDataRoutes, p, "/1/user/-/devices.json");
      expect(res.body).toEqual(devices);
    }
  });
});
