import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { baselineBand, mean, rollingMean, sampleSd } from "./rolling";

describe("rolling statistics", () => {
  it("computes mean and sample SD", () => {
    expect(mean([])).toBeNull();
    expect(mean([2, 4, 6])).toBe(4);
    expect(sampleSd([5])).toBe(0);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
  });

  it("rolling mean covers the 30 calendar days ending on the date, skipping gaps", () => {
    const values = new Map([
      ["2026-01-01", 60],
      ["2026-01-15", 90],
      ["2026-01-30", 120],
      ["2026-01-31", 30],
    ]);
    expect(rollingMean(values, "2026-01-30")).toBe(90); // 1 Jan .. 30 Jan
    expect(rollingMean(values, "2026-01-31")).toBe(80); // 2 Jan .. 31 Jan: 90, 120, 30
    expect(rollingMean(values, "2025-12-01")).toBeNull();
  });

  it("baseline band uses only the days before the date, and needs enough of them", () => {
    const values = new Map<string, number>();
    for (let i = 1; i <= 6; i++) values.set(addDays("2026-03-01", -i), 40);
    expect(baselineBand(values, "2026-03-01")).toBeNull(); // 6 prior nights < 7
    values.set(addDays("2026-03-01", -7), 54);
    values.set("2026-03-01", 1000); // the night itself never moves its own baseline
    const band = baselineBand(values, "2026-03-01");
    expect(band?.count).toBe(7);
    expect(band?.mean).toBe(42);
    expect(band?.sd).toBeCloseTo(sampleSd([40, 40, 40, 40, 40, 40, 54]), 10);
    expect(band?.low).toBeCloseTo(42 - band!.sd, 10);
    expect(band?.high).toBeCloseTo(42 + band!.sd, 10);
  });

  it("baseline window is 30 days: values 31 days back drop out", () => {
    const values = new Map<string, number>();
    for (let i = 1; i <= 30; i++) values.set(addDays("2026-06-30", -i), 50);
    values.set(addDays("2026-06-30", -31), 5000);
    expect(baselineBand(values, "2026-06-30")).toMatchObject({ mean: 50, sd: 0, count: 30 });
  });
});
