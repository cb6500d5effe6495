import { describe, expect, it } from "vitest";
import { capPoints, toGroupedPoints } from "./aggregate";

describe("toGroupedPoints", () => {
  it("labels the server's weeks and months and draws the IQR as a band", () => {
    const [week] = toGroupedPoints([{ date: "2026-11-23", count: 6, median: 410, p25: 385, p75: 442.5 }], "week");
    expect(week).toMatchObject({ date: "2026-11-23", count: 6, median: 410, band: [385, 442.5] });
    expect(week!.label).toMatch(/^Week of /);
    const [month] = toGroupedPoints([{ date: "2026-02-01", count: 1, median: 7, p25: 7, p75: 7 }], "month");
    expect(month).toMatchObject({ label: "February 2026", band: [7, 7] });
  });

  it("keeps an empty bucket as a gap, not a zero", () => {
    expect(toGroupedPoints([{ date: "2026-01-01", count: 0, median: null, p25: null, p75: null }], "month")).toMatchObject([
      { date: "2026-01-01", count: 0, median: null, band: null },
    ]);
  });

  it("converts units (minutes drawn as hours, to 0.1 h)", () => {
    const [week] = toGroupedPoints([{ date: "2026-11-23", count: 6, median: 410, p25: 385, p75: 442.5 }], "week", 1 / 60);
    expect(week).toMatchObject({ median: 6.8, p25: 6.4, p75: 7.4, band: [6.4, 7.4] });
  });
});

describe("capPoints", () => {
  it("never draws more than the cap and keeps the newest point", () => {
    const points = Array.from({ length: 5000 }, (_, index) => index);
    const capped = capPoints(points, 2000);
    expect(capped).toHaveLength(2000);
    expect(capped.at(-1)).toBe(4999);
  });
});
