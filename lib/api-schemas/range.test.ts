import { describe, expect, it } from "vitest";
import { addDays, eachDate, gapFill, isIsoDate, localToday } from "@/lib/dates";
import { MAX_RANGE_DAYS, rangeFromSearchParams, rangeQuerySchema, resolveRange } from "./range";
import { checkRangeQuery } from "./range-rules";

describe("date helpers", () => {
  it("validates real calendar dates only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-2-1")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
  });

  it("refuses calendar-valid dates outside the years Nightly deals in (0000, 0001, 9999)", () => {
    for (const value of ["0000-01-08", "0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31", "+02026-01-01", "２０２６-01-01"]) {
      expect(isIsoDate(value), value).toBe(false);
    }
    expect(isIsoDate("2000-01-01")).toBe(true);
    expect(isIsoDate("2099-12-31")).toBe(true);
    const parsed = rangeQuerySchema.safeParse({ from: "0001-01-01", to: "0001-01-05" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/between 2000-01-01 and 2099-12-31/);
  });

  it("adds days across month, year and DST boundaries without drifting", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29"); // Europe DST starts 29 Mar
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-11-01", -1)).toBe("2026-10-31"); // US DST ends 1 Nov
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(eachDate("2026-03-27", "2026-03-31")).toEqual(["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]);
  });

  it("gap-fills every date of the range, in order, with the fill for missing dates", () => {
    const rows: [string, number][] = [
      ["2026-01-03", 3],
      ["2026-01-01", 1],
      ["2025-12-31", 99], // outside the range: ignored
    ];
    const filled = gapFill("2026-01-01", "2026-01-04", rows, (date, value) => ({ date, value: value ?? null }));
    expect(filled).toEqual([
      { date: "2026-01-01", value: 1 },
      { date: "2026-01-02", value: null },
      { date: "2026-01-03", value: 3 },
      { date: "2026-01-04", value: null },
    ]);
  });

  it("finds the local today in the person's timezone", () => {
    const instant = new Date("2026-06-01T23:30:00Z");
    expect(localToday("Europe/London", instant)).toBe("2026-06-02"); // BST, UTC+1
    expect(localToday("America/Los_Angeles", instant)).toBe("2026-06-01");
    expect(localToday("Asia/Tokyo", new Date("2026-06-01T15:00:00Z"))).toBe("2026-06-02");
    expect(localToday(null, instant)).toBe("2026-06-01");
    expect(localToday("Not/AZone", instant)).toBe("2026-06-01");
  });
});

describe("range resolution", () => {
  const now = new Date("2026-11-24T06:00:00Z");

  it("resolves presets to inclusive ranges ending on local today", () => {
    expect(resolveRange({ preset: "7d" }, "UTC", now)).toEqual({ from: "2026-11-18", to: "2026-11-24", preset: "7d" });
    expect(resolveRange({ preset: "30d" }, "UTC", now)).toMatchObject({ from: "2026-10-26", to: "2026-11-24" });
    expect(resolveRange({ preset: "90d" }, "UTC", now)).toMatchObject({ from: "2026-08-27" });
    expect(resolveRange({ preset: "1y" }, "UTC", now)).toMatchObject({ from: "2025-11-25", to: "2026-11-24" });
    expect(resolveRange({}, "UTC", now).preset).toBe("30d");
  });

  it("uses the person's timezone for today (west of UTC it is still yesterday)", () => {
    expect(resolveRange({ preset: "7d" }, "America/Chicago", new Date("2026-11-24T05:59:00Z"))).toMatchObject({ from: "2026-11-17", to: "2026-11-23" });
    expect(resolveRange({ preset: "7d" }, "Pacific/Kiritimati", new Date("2026-11-24T11:00:00Z")).to).toBe("2026-11-25");
  });

  it("keeps 7 calendar days across a DST change", () => {
    // Europe/London leaves BST on 25 Oct 2026; 00:30 local on 26 Oct is 00:30Z.
    const range = resolveRange({ preset: "7d" }, "Europe/London", new Date("2026-10-26T00:30:00Z"));
    expect(range).toMatchObject({ from: "2026-10-20", to: "2026-10-26" });
    expect(eachDate(range.from, range.to)).toHaveLength(7);
    // US spring forward on 8 Mar 2026: 23:30 local on 8 Mar is 03:30Z on 9 Mar (UTC-4).
    expect(resolveRange({ preset: "7d" }, "America/New_York", new Date("2026-03-09T03:30:00Z")).to).toBe("2026-03-08");
  });

  it("accepts a valid custom range as given", () => {
    const parsed = rangeQuerySchema.parse({ from: "2026-01-01", to: "2026-01-31" });
    expect(resolveRange(parsed, "Asia/Tokyo", now)).toEqual({ from: "2026-01-01", to: "2026-01-31", preset: null });
    expect(rangeQuerySchema.safeParse({ from: "2026-01-01", to: "2026-01-01" }).success).toBe(true);
  });

  it("rejects bad custom ranges with a clear message on the field to fix", () => {
    const issue = (input: Record<string, string>) => {
      const result = rangeQuerySchema.safeParse(input);
      return result.success ? null : { path: result.error.issues[0]?.path.join("."), message: result.error.issues[0]?.message };
    };
    expect(issue({ from: "2026-02-01", to: "2026-01-01" })).toEqual({ path: "to", message: "The end date must be on or after the start date." });
    expect(issue({ from: "2026-01-01" })).toMatchObject({ path: "to", message: "A custom range needs both from and to." });
    expect(issue({ from: "2026-01-32", to: "2026-02-01" })?.message).toMatch(/yyyy-MM-dd/);
    expect(issue({ preset: "2w" })?.message).toMatch(/7d, 30d, 90d, 1y/);
    expect(issue({ preset: "7d", from: "2026-01-01", to: "2026-01-02" })?.path).toBe("preset");
    expect(issue({ from: "2023-01-01", to: addDays("2023-01-01", MAX_RANGE_DAYS - 1) })).toBeNull();
    expect(issue({ from: "2023-01-01", to: addDays("2023-01-01", MAX_RANGE_DAYS) })?.message).toMatch(/at most 1096 days/);
  });

  it("falls back to the default range for pages, reporting the problem", () => {
    const { range, error } = rangeFromSearchParams({ from: "2026-05-01", to: "2026-04-01" }, "UTC", now);
    expect(range).toMatchObject({ preset: "30d", to: "2026-11-24" });
    expect(error).toBe("The end date must be on or after the start date.");
    expect(rangeFromSearchParams({ preset: ["90d", "7d"] }, "UTC", now)).toMatchObject({ range: { preset: "90d" }, error: null });
  });
});

describe("the browser's range check (range-rules, no zod) and the server's schema agree", () => {
  const dates = ["2026-03-01", "2026-02-29", "2026-3-1", "0001-01-01", "2100-01-01", "", "2026-03-01T00", "2023-01-01", "2026-12-31"];
  const presets = [undefined, "7d", "1y", "2y"];
  const inputs: Record<string, string>[] = [];
  for (const preset of presets)
    for (const from of [undefined, ...dates])
      for (const to of [undefined, ...dates]) {
        const raw: Record<string, string> = {};
        if (preset !== undefined) raw.preset = preset;
        if (from !== undefined) raw.from = from;
        if (to !== undefined) raw.to = to;
        inputs.push(raw);
      }

  it(`gives the same verdict and the same first message for ${inputs.length} inputs`, () => {
    for (const raw of inputs) {
      const browser = checkRangeQuery(raw);
      const server = rangeQuerySchema.safeParse(raw);
      expect(browser.ok, JSON.stringify(raw)).toBe(server.success);
      if (!browser.ok) expect(browser.message, JSON.stringify(raw)).toBe(server.error?.issues[0]?.message);
      else expect(browser.query, JSON.stringify(raw)).toEqual(server.data);
    }
  });
});
