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
    expect(plain(formatterFor("de-DE").dateTime(moment, "Europe/Berlin"))).toBe("29. Nov. 2026, 15:05"); // the one date format
    expect(plain(formatterFor("en-GB").dateTime(new Date("2026-11-29T09:05:00Z"), null))).toBe("29 Nov 2026, 09:05");
    expect(plain(formatterFor("en-GB").dateTime(moment, "Not/AZone"))).toBe("29 Nov 2026, 14:05");
    expect(formatterFor("en-GB").dateTime(null)).toBe("—");
  });

  it("says the zone of a moment, keeps seconds when asked (audit log), and falls back to UTC", () => {
    const moment = new Date("2026-12-01T14:05:07Z");
    expect(plain(formatterFor("en-GB").moment(moment, null))).toBe("1 Dec 2026, 14:05 UTC");
    expect(plain(formatterFor("en-US").moment(moment, undefined))).toBe("Dec 1, 2026, 2:05 PM UTC");
    expect(plain(formatterFor("de-DE").moment(moment, "Europe/Berlin"))).toBe("1. Dez. 2026, 15:05 MEZ");
    expect(plain(formatterFor("en-GB").moment(moment, "Europe/London", { seconds: true }))).toBe("1 Dec 2026, 14:05:07 GMT");
    expect(plain(formatterFor("en-US").moment(moment.toISOString(), "America/New_York", { seconds: true }))).toBe("Dec 1, 2026, 9:05:07 AM EST");
    expect(plain(formatterFor("en-GB").moment(moment, "Not/AZone"))).toBe("1 Dec 2026, 14:05 UTC");
    expect(formatterFor("en-GB").moment(null)).toBe("—");
  });

  it("writes wall-clock times with the locale's clock, and short hourly axis ticks", () => {
    const wall = (time: string) => Date.parse(`2026-11-28T${time}Z`); // as lib/dates localTimeToMs reads provider times
    const cases = [
      { locale: "en-US", evening: "10:45 PM", morning: "6:05 AM", seconds: "10:45:30 PM", tick: "10 PM", midnight: "12 AM" },
      { locale: "en-GB", evening: "22:45", morning: "06:05", seconds: "22:45:30", tick: "22:00", midnight: "00:00" },
      { locale: "de-DE", evening: "22:45", morning: "06:05", seconds: "22:45:30", tick: "22:00", midnight: "00:00" },
    ];
    for (const expected of cases) {
      const f = formatterFor(expected.locale);
      expect(plain(f.clock(wall("22:45:30")))).toBe(expected.evening);
      expect(plain(f.clock(wall("06:05:00")))).toBe(expected.morning);
      expect(plain(f.clock(wall("22:45:30"), true))).toBe(expected.seconds);
      expect(plain(f.clockTick(wall("22:00:00")))).toBe(expected.tick);
      expect(plain(f.clockTick(wall("00:00:00")))).toBe(expected.midnight);
      expect(plain(f.clockTick(wall("22:30:00")))).toBe(plain(f.clock(wall("22:30:00")))); // off the hour: the whole clock
    }
  });

  it("writes relative times in the locale, rounding to minutes, hours, then days", () => {
    const now = Date.parse("2026-12-01T14:00:00Z");
    const at = (ms: number) => new Date(now + ms);
    expect(formatterFor("en-GB").relative(at(-3 * 3_600_000), now)).toBe("3 hours ago");
    expect(formatterFor("en-US").relative(at(5 * 60_000), now)).toBe("in 5 minutes");
    expect(formatterFor("de-DE").relative(at(-3 * 3_600_000), now)).toBe("vor 3 Stunden");
    expect(formatterFor("de-DE").relative(at(5 * 60_000), now)).toBe("in 5 Minuten");
    expect(formatterFor("en-GB").relative(at(-20_000), now)).toBe("now");
    expect(formatterFor("en-GB").relative(at(-3 * 86_400_000).toISOString(), now)).toBe("3 days ago");
    expect(formatterFor("en-GB").relative(null, now)).toBe("never");
  });

  it("defaults to en-GB and reuses one formatter per locale", () => {
    expect(formatterFor().locale).toBe("en-GB");
    expect(formatterFor("de-DE")).toBe(formatterFor("de-DE"));
  });
});
