import { describe, expect, it } from "vitest";
import type { SleepRangeResult } from "@/lib/api-schemas/sleep";
import type { NutritionGroupedResult } from "@/lib/api-schemas/nutrition";
import { groupStats } from "./range-buckets";
import { packRange, unpackRange } from "./range-transport";

const YEAR = { from: "2025-12-02", to: "2026-12-01" };

describe("packRange / unpackRange", () => {
  it("packs a year to a day string and flat series, and unpacks exactly the API's answer", () => {
    const dates = ["2025-12-02", "2025-12-04", "2026-03-02", "2026-12-01"];
    const values = dates.map((date, index) => [date, 400 + index * 7.25] as const);
    const result: SleepRangeResult = {
      bucket: "week",
      ...YEAR,
      datesWithData: dates,
      nightCount: 4,
      latestNight: "2026-12-01",
      series: {
        asleep: groupStats(values, YEAR.from, YEAR.to, "week"),
        naps: groupStats([], YEAR.from, YEAR.to, "week"),
        deep: groupStats(
          [
            ["2026-03-02", 60],
            ["2026-03-03", 80],
            ["2026-03-04", 90],
          ],
          YEAR.from,
          YEAR.to,
          "week",
        ),
        light: groupStats(values, YEAR.from, YEAR.to, "week"),
        rem: groupStats(values, YEAR.from, YEAR.to, "week"),
        wake: groupStats(values, YEAR.from, YEAR.to, "week"),
      },
    };
    const packed = packRange(result);
    if (!("packed" in packed)) throw new Error("a year must be packed");
    expect(packed.packed.days).toHaveLength(365);
    expect(packed.packed.days.slice(0, 4)).toBe("1010");
    expect(packed.packed.days.at(-1)).toBe("1");
    expect(packed.packed.days.replaceAll("0", "")).toHaveLength(4);
    // 53 weeks, four numbers each; the week of 2 March (a Monday) holds 60, 80, 90.
    expect(packed.packed.series.deep).toHaveLength(53 * 4);
    expect(packed.packed.series.deep.slice(13 * 4, 14 * 4)).toEqual([3, 80, 70, 85]);
    expect(packed.packed.series.naps.slice(0, 4)).toEqual([0, null, null, null]);
    expect(packed).not.toHaveProperty("series");
    expect(packed).not.toHaveProperty("datesWithData");
    expect(unpackRange<SleepRangeResult>(packed)).toEqual(result);
    // Much smaller than the answer it stands for (what the page writes into its HTML twice).
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(result).length / 3);
  });

  it("keeps a month-bucketed answer's own fields, and passes a night-by-night answer unchanged", () => {
    const from = "2025-01-01";
    const to = "2026-04-30";
    const result: NutritionGroupedResult = {
      bucket: "month",
      from,
      to,
      unitSystem: "US",
      waterUnit: "fl oz",
      dayCount: 2,
      latestDay: "2026-04-30",
      datesWithData: ["2025-01-01", "2026-04-30"],
      series: {
        caloriesIn: groupStats(
          [
            ["2025-01-01", 2000],
            ["2026-04-30", 1800],
          ],
          from,
          to,
          "month",
        ),
        water: groupStats([["2025-01-01", 33.8]], from, to, "month"),
      },
    };
    const packed = packRange(result);
    expect(packed).toMatchObject({ waterUnit: "fl oz", latestDay: "2026-04-30" });
    expect(unpackRange<NutritionGroupedResult>(packed)).toEqual(result);

    const nightly: SleepRangeResult = {
      bucket: "day",
      from: "2026-11-25",
      to: "2026-12-01",
      nights: [],
      nightCount: 0,
      latestNight: null,
    };
    expect(packRange(nightly)).toBe(nightly);
    expect(unpackRange<SleepRangeResult>(packRange(nightly))).toBe(nightly);
  });

  it("refuses series not bucketed over the answer's range (a programming error, never data)", () => {
    const series = groupStats([], "2026-01-05", YEAR.to, "week");
    expect(() =>
      packRange({
        bucket: "week",
        ...YEAR,
        datesWithData: [],
        nightCount: 0,
        latestNight: null,
        series: { asleep: series },
      }),
    ).toThrow(/not bucketed/);
  });
});
