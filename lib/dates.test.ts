import { describe, expect, it } from "vitest";
import { addDays, eachDate, localToday, msToDate } from "./dates";

describe("calendar dates", () => {
  it("msToDate agrees with toISOString on every day from 1999 to 2101 and at any time of day", () => {
    const start = Date.UTC(1999, 0, 1);
    for (let ms = start; ms < Date.UTC(2101, 0, 1); ms += 86_400_000) {
      const expected = new Date(ms).toISOString().slice(0, 10);
      expect(msToDate(ms)).toBe(expected);
      expect(msToDate(ms + 86_399_999)).toBe(expected);
    }
    expect(msToDate(Date.UTC(1600, 1, 29))).toBe("1600-02-29");
    expect(msToDate(Date.UTC(-5, 0, 1))).toBe(new Date(Date.UTC(-5, 0, 1)).toISOString().slice(0, 10));
    expect(() => msToDate(Number.NaN)).toThrow(RangeError);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(eachDate("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("localToday reads the person's zone, and falls back to UTC for an unknown one", () => {
    const now = new Date("2026-03-01T23:30:00Z");
    expect(localToday("Asia/Tokyo", now)).toBe("2026-03-02");
    expect(localToday("America/Chicago", now)).toBe("2026-03-01");
    expect(localToday("Asia/Tokyo", new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-01");
    expect(localToday("Not/AZone", now)).toBe("2026-03-01");
    expect(localToday(null, now)).toBe("2026-03-01");
  });
});
