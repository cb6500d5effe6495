import { describe, expect, it } from "vitest";
import { eachDate } from "@/lib/dates";
import { bucketFor, bucketStart, bucketStarts, groupStats } from "./range-buckets";

describe("bucketFor", () => {
  it("draws two months night by night, 90 days and a year by week and longer by month", () => {
    expect(bucketFor("2026-10-01", "2026-12-01")).toBe("day"); // 62 days
    expect(bucketFor("2026-09-30", "2026-12-01")).toBe("week"); // 63 days
    expect(bucketFor("2026-09-02", "2026-12-01")).toBe("week"); // 90 days
    expect(bucketFor("2025-12-02", "2026-12-01")).toBe("week");
    expect(bucketFor("2025-10-28", "2026-12-01")).toBe("week"); // 400 days
    expect(bucketFor("2025-10-27", "2026-12-01")).toBe("month"); // 401 days
  });
});

describe("bucketStart and bucketStarts", () => {
  it("starts weeks on Monday, also across a year's end", () => {
    expect(bucketStart("2026-11-29", "week")).toBe("2026-11-23"); // a Sunday
    expect(bucketStart("2026-11-23", "week")).toBe("2026-11-23"); // a Monday
    expect(bucketStart("2026-01-01", "week")).toBe("2025-12-29");
    expect(bucketStarts("2025-12-30", "2026-01-12", "week")).toEqual(["2025-12-29", "2026-01-05", "2026-01-12"]);
  });

  it("starts months on the 1st and steps over December", () => {
    expect(bucketStart("2026-02-28", "month")).toBe("2026-02-01");
    expect(bucketStarts("2025-11-15", "2026-02-01", "month")).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
  });
});

describe("groupStats", () => {
  it("gives a week's median and interquartile range as computed by hand (type-7 quantiles)", () => {
    // Mon 23 .. Sun 29 Nov 2026, one night missing: sorted 360 380 400 420 450 500.
    const week: [string, number | null][] = [
      ["2026-11-23", 420],
      ["2026-11-24", 380],
      ["2026-11-25", null],
      ["2026-11-26", 450],
      ["2026-11-27", 400],
      ["2026-11-28", 360],
      ["2026-11-29", 500],
    ];
    expect(groupStats(week, "2026-11-23", "2026-11-29", "week")).toEqual([
      // median: (400 + 420) / 2; p25: 380 + 0.25 × 20; p75: 420 + 0.75 × 30 (rounded to 0.1).
      { date: "2026-11-23", count: 6, median: 410, p25: 385, p75: 442.5 },
    ]);
  });

  it("keeps an empty week as a gap (count 0, nulls), never a zero", () => {
    const values: [string, number | null][] = [
      ["2026-11-02", 7],
      ["2026-11-16", 8],
      ["2026-11-17", 6],
    ];
    expect(groupStats(values, "2026-11-02", "2026-11-22", "week")).toEqual([
      { date: "2026-11-02", count: 1, median: 7, p25: 7, p75: 7 },
      { date: "2026-11-09", count: 0, median: null, p25: null, p75: null },
      { date: "2026-11-16", count: 2, median: 7, p25: 6.5, p75: 7.5 },
    ]);
  });

  it("groups by calendar month, a month of nulls stays a gap, and values outside the range are ignored", () => {
    const values: [string, number | null][] = [
      ["2025-12-31", 99], // before the range
      ["2026-01-05", null],
      ["2026-02-01", 7],
      ["2026-02-28", 9],
      ["2026-04-01", 99], // after the range
    ];
    expect(groupStats(values, "2026-01-01", "2026-03-31", "month")).toEqual([
      { date: "2026-01-01", count: 0, median: null, p25: null, p75: null },
      { date: "2026-02-01", count: 2, median: 8, p25: 7.5, p75: 8.5 },
      { date: "2026-03-01", count: 0, median: null, p25: null, p75: null },
    ]);
  });

  it("gives a year 53 weeks, the first starting on the Monday before the range", () => {
    const dates = eachDate("2025-12-02", "2026-12-01");
    const grouped = groupStats(
      dates.map((date, index) => [date, index % 7 === 3 ? null : 400 + (index % 7) * 10] as const),
      "2025-12-02",
      "2026-12-01",
      "week",
    );
    expect(grouped).toHaveLength(53);
    expect(grouped[0]!.date).toBe("2025-12-01");
    expect(grouped.at(-1)!.date).toBe("2026-11-30");
    expect(grouped[5]!.count).toBe(6);
    expect(grouped.every((week) => week.p25! <= week.median! && week.median! <= week.p75!)).toBe(true);
  });
});
