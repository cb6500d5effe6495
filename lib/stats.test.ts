import { describe, expect, it } from "vitest";
import { directionOf, quantile, spreadOf } from "./stats";

describe("quantile", () => {
  it("interpolates between order statistics like R's type 7", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([7], 0.75)).toBe(7);
  });
  it("is null without values", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(spreadOf([])).toBeNull();
  });
});

describe("directionOf", () => {
  const usual = spreadOf([400, 420, 430, 440, 460])!;
  it("reads the interquartile range as the usual range", () => {
    expect(usual).toEqual({ median: 430, p25: 420, p75: 440, count: 5 });
    expect(directionOf(430, usual)).toBe("within");
    expect(directionOf(441, usual)).toBe("above");
    expect(directionOf(380, usual)).toBe("below");
  });
});
