import { describe, expect, it } from "vitest";
import { addDays, eachDate } from "@/lib/dates";
import { changeSentence } from "@/components/dashboard/baseline-card";
import { againstBaseline, sharesOf } from "./overview";

const META = { key: "totalSleep", label: "Time asleep", unit: "min" } as const;

describe("againstBaseline", () => {
  const dates = eachDate("2026-10-01", "2026-11-30");
  it("takes the newest value with its own date and the 30 nights before it", () => {
    const series = dates.map((date, index) => ({ date, value: date === "2026-11-30" ? null : 400 + (index % 5) * 10 }));
    const metric = againstBaseline(series, META)!;
    expect(metric.date).toBe("2026-11-29"); // last night has none: the value says which night it is
    expect(metric.baseline?.count).toBe(30);
    expect(metric.baseline!.p25).toBeLessThanOrEqual(metric.baseline!.median);
  });

  it("has no baseline with fewer than 7 earlier nights", () => {
    const series = eachDate(addDays("2026-11-30", -5), "2026-11-30").map((date) => ({ date, value: 420 }));
    expect(againstBaseline(series, META)?.baseline).toBeNull();
    expect(againstBaseline([{ date: "2026-11-30", value: null }], META)).toBeNull();
  });

  it("says the change in words, with the usual value", () => {
    const series = dates.map((date) => ({ date, value: date === "2026-11-30" ? 380 : 440 }));
    const change = changeSentence(againstBaseline(series, META)!);
    expect(change).toEqual({ arrow: "↓", direction: "below", text: "1h 0m below your usual 7h 20m" });
  });
});

describe("sharesOf", () => {
  it("gives each stage's share of time in bed, and nothing for a classic night", () => {
    expect(sharesOf({ deep: 60, light: 240, rem: 90, wake: 30 })).toEqual({ deep: 14.3, light: 57.1, rem: 21.4, wake: 7.1 });
    expect(sharesOf({ deep: null, light: null, rem: null, wake: null })).toBeNull();
  });
});
