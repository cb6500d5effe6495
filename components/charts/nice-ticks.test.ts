import { describe, expect, it } from "vitest";
import { HOUR_STEPS, hourTick, niceAxis, niceStep, niceTicks } from "./nice-ticks";

describe("nice ticks", () => {
  it("steps are 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0.3, 0.7, 1.5, 2.2, 3, 7, 13, 85, 240, 850].map((rough) => niceStep(rough))).toEqual([0.5, 1, 2, 2.5, 5, 10, 20, 100, 250, 1000]);
  });

  it("grams and kilocalories from zero, the way the issue reads them", () => {
    expect(niceTicks([12, 180, 376], { fromZero: true })).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks([420, 3380], { fromZero: true })).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it("breathing rate around its values, not from zero", () => {
    expect(niceTicks([12.8, 14.4, 17.1])).toEqual([12, 14, 16, 18]);
    expect(niceTicks([13.1, 17.9], { count: 3 })).toEqual([12, 14, 16, 18]);
  });

  it("hours asleep in half hours", () => {
    expect(niceTicks([6.6, 8.4])).toEqual([6.5, 7, 7.5, 8, 8.5]);
  });

  it("a single value sits inside the axis, and nothing gives no ticks", () => {
    const ticks = niceTicks([42]);
    expect(ticks[0]).toBeLessThan(42);
    expect(ticks.at(-1)).toBeGreaterThan(42);
    expect(niceTicks([null, undefined])).toEqual([]);
    expect(niceAxis([])).toEqual({});
    expect(niceAxis([0, 0], { fromZero: true })).toEqual({ ticks: [0, 0.25, 0.5, 0.75, 1], domain: [0, 1] });
  });
});

describe("hour axes", () => {
  it("step in quarter, half and whole hours and read as hours and minutes", () => {
    expect(niceTicks([6.9, 7.4, 7.9], { steps: HOUR_STEPS })).toEqual([6.75, 7, 7.25, 7.5, 7.75, 8]);
    expect(niceTicks([6.9, 8.3], { fromZero: true, steps: HOUR_STEPS })).toEqual([0, 3, 6, 9]);
    expect([0, 0.25, 6.75, 7, 12].map(hourTick)).toEqual(["0h", "15m", "6h 45m", "7h", "12h"]);
  });
});
