import { describe, expect, it } from "vitest";
import { clampRange } from "./clamp-range";

const TODAY = "2026-12-01";
const START = "2025-03-10";
const range = (from: string, to: string) => ({ from, to, preset: null });

describe("clampRange", () => {
  it("keeps a range inside the history as it is, with nothing to say", () => {
    expect(clampRange(range("2026-01-01", "2026-02-01"), TODAY, START)).toEqual({ ok: true, range: range("2026-01-01", "2026-02-01"), note: null });
  });

  it("refuses a range wholly in the future, or wholly before the history, in words", () => {
    const future = clampRange(range("2026-12-05", "2026-12-20"), TODAY, START);
    expect(future).toEqual({ ok: false, error: expect.stringContaining("all in the future") });
    const before = clampRange(range("2024-01-01", "2024-06-30"), TODAY, START);
    expect(before).toEqual({ ok: false, error: expect.stringMatching(/all before your history starts \(.*10 Mar 2025\)/) });
  });

  it("clamps both ends and says each", () => {
    const clamped = clampRange(range("2024-01-01", "2027-01-01"), TODAY, START);
    expect(clamped.ok && clamped.range).toEqual(range(START, TODAY));
    expect(clamped.ok && clamped.note).toMatch(/history starts on .*10 Mar 2025.*ends on .*1 Dec 2026/);
  });

  it("without a known history start, only the future is clamped", () => {
    expect(clampRange(range("2001-01-01", "2001-02-01"), TODAY, null)).toEqual({ ok: true, range: range("2001-01-01", "2001-02-01"), note: null });
  });

  it("writes its dates in the person's locale", () => {
    const clamped = clampRange(range("2024-01-01", "2027-01-01"), TODAY, START, "de-DE");
    expect(clamped.ok && clamped.note).toMatch(/history starts on 10\. März 2025.*ends on 1\. Dez\. 2026/);
    const future = clampRange(range("2026-12-05", "2026-12-20"), TODAY, START, "en-US");
    expect(!future.ok && future.error).toContain("(Dec 1, 2026)");
  });
});
