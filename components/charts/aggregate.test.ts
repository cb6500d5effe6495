import { describe, expect, it } from "vitest";
import { eachDate } from "@/lib/dates";
import { bucketFor, bucketStart, capPoints, groupByBucket } from "./aggregate";

describe("bucketFor", () => {
  it("draws two months night by night, 90 days and a year by week and longer by month", () => {
    expect(bucketFor("2026-10-02", "2026-12-01")).toBe("day");
    expect(bucketFor("2026-10-01", "2026-12-01")).toBe("day");
    expect(bucketFor("2026-09-30", "2026-12-01")).toBe("week");
    expect(bucketFor("2026-09-02", "2026-12-01")).toBe("week");
    expect(bucketFor("2025-12-02", "2026-12-01")).toBe("week");
    expect(bucketFor("2024-12-02", "2026-12-01")).toBe("month");
  });
});

describe("groupByBucket", () => {
  it("gives a year of nights 53 weekly medians with their interquartile range", () => {
    const dates = eachDate("2025-12-02", "2026-12-01");
    const grouped = groupByBucket(
      dates.map((date, index) => ({ date, value: index % 7 === 3 ? null : 400 + (index % 7) * 10 })),
      "week",
    );
    expect(grouped.length).toBeLessThanOrEqual(53);
    expect(grouped[0]!.date).toBe("2025-12-01"); // a Monday
    const full = grouped[5]!;
    expect(full.label).toMatch(/^Week of /);
    expect(full.count).toBe(6);
    expect(full.p25! <= full.median! && full.median! <= full.p75!).toBe(true);
  });

  it("keeps an empty month as a gap, not a zero", () => {
    const grouped = groupByBucket([{ date: "2026-01-05", value: null }, { date: "2026-02-01", value: 7 }], "month");
    expect(grouped).toMatchObject([
      { date: "2026-01-01", count: 0, median: null, band: null },
      { date: "2026-02-01", count: 1, median: 7, band: [7, 7], label: "February 2026" },
    ]);
  });
});

describe("bucketStart and capPoints", () => {
  it("starts weeks on Monday", () => {
    expect(bucketStart("2026-11-29", "week")).toBe("2026-11-23");
  });
  it("never draws more than the cap and keeps the newest point", () => {
    const points = Array.from({ length: 5000 }, (_, index) => index);
    const capped = capPoints(points, 2000);
    expect(capped).toHaveLength(2000);
    expect(capped.at(-1)).toBe(4999);
  });
});
