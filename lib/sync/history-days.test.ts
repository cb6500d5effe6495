import { describe, expect, it } from "vitest";
import { configuredHistoryDays, DEFAULT_HISTORY_DAYS } from "./plan";

describe("configuredHistoryDays (SYNC_HISTORY_DAYS, shared by the worker and the status panel)", () => {
  it("uses a whole number of days from 1 to 3650", () => {
    expect(configuredHistoryDays("365")).toBe(365);
    expect(configuredHistoryDays("1")).toBe(1);
    expect(configuredHistoryDays("3650")).toBe(3650);
  });
  it("falls back to the default for anything else", () => {
    for (const value of [undefined, "", "0", "-5", "1.5", "3651", "two years", "1e3x"])
      expect(configuredHistoryDays(value)).toBe(DEFAULT_HISTORY_DAYS);
  });
});
