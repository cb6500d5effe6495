import { describe, expect, it } from "vitest";
import { bucketLabel } from "@/components/charts/aggregate";
import { formatterFor } from "./format";

// Intl writes some separators as no-break spaces; compare what people read.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatterFor: one date format per locale", () => {
  const cases = [
    { locale: "en-GB", date: "29 Nov 2026", tick: "29 Nov", month: "November 2026", monthTick: "Nov 26", week: "Week of 23 Nov 2026", big: "1,234.5", axis: "1,000", small: "0.25" },
    { locale: "en-US", date: "Nov 29, 2026", tick: "Nov 29", month: "November 2026", monthTick: "Nov 26", week: "Week of Nov 23, 2026", big: "1,234.5", axis: "1,000", small: "0.25" },
    { locale: "de-DE", date: "29. Nov. 2026", tick: "29. Nov.", month: "November 2026", monthTick: "Nov. 26", week: "Week of 23. Nov. 2026", big: "1.234,5", axis: "1.000", small: "0,25" },
  ];
  for (const expected of cases) {
    it(`writes dates, bucket labels and numbers for ${expected.locale}`, () => {
      const f = formatterFor(expected.locale);
      expect(f.date("2026-11-29")).toBe(expected.date);
      expect(f.dayMonth("2026-11-29")).toBe(expected.tick);
      expect(f.month("2026-11-01")).toBe(expected.month);
      expect(f.monthTick("2026-11-01")).toBe(expected.monthTick);
      expect(f.bucket("2026-11-23", "week")).toBe(expected.week);
      expect(f.bucket("2026-11-01", "month")).toBe(expected.month);
      expect(f.bucket("2026-11-29", "day")).toBe(expected.date);
      expect(bucketLabel("2026-11-23", "week", expected.locale)).toBe(expected.week);
      expect(f.number(1234.5, 1)).toBe(expected.big);
      expect(f.axis(1000)).toBe(expected.axis);
      expect(f.axis(0.25)).toBe(expected.small);
      expect(f.range("2026-11-01", "2026-11-29")).toBe(`${f.date("2026-11-01")} – ${expected.date}`);
    });
  }

  it("keeps calendar dates on their day whatever the machine's time zone (UTC midnights)", () => {
    expect(formatterFor("en-GB").date("2026-03-29")).toBe("29 Mar 2026"); // a DST change in Europe
    expect(formatterFor("en-US").date("2026-01-01")).toBe("Jan 1, 2026");
  });

  it("writes missing numbers as a dash and pads to the digits asked for", () => {
    const f = formatterFor("de-DE");
    expect(f.number(null)).toBe("—");
    expect(f.number(undefined, 1)).toBe("—");
    expect(f.number(Number.NaN)).toBe("—");
    expect(f.number(7, 1)).toBe("7,0");
    expect(f.upTo(7, 1)).toBe("7");
    expect(f.upTo(12345.67, 1)).toBe("12.345,7");
  });

  it("writes moments in the person's time zone and locale, and falls back to UTC for an unknown zone", () => {
    const moment = new Date("2026-11-29T14:05:00Z");
    expect(plain(formatterFor("en-GB").dateTime(moment, "Europe/London"))).toBe("29 Nov 2026, 14:05");
    expect(plain(formatterFor("en-US").dateTime(moment, "America/New_York"))).toBe("Nov 29, 2026, 9:05 AM");
    expect(plain(formatterFor("de-DE").dateTime(moment, "Europe/Berlin"))).toBe("29.11.2026, 15:05");
    expect(plain(formatterFor("en-GB").dateTime(moment, "Not/AZone"))).toBe("29 Nov 2026, 14:05");
    expect(formatterFor("en-GB").dateTime(null)).toBe("—");
  });

  it("defaults to en-GB and reuses one formatter per locale", () => {
    expect(formatterFor().locale).toBe("en-GB");
    expect(formatterFor("de-DE")).toBe(formatterFor("de-DE"));
  });
});
