import { describe, expect, it } from "vitest";
import { formatterFor } from "@/lib/locale/format";
import { tooltipValue } from "./chart-figure";

describe("tooltipValue: chart tooltips written for people", () => {
  it("puts the unit after the value, in the person's locale", () => {
    expect(tooltipValue(formatterFor("de-DE"), 0)(2306, "Calories (kcal)")).toEqual(["2.306 kcal", "Calories"]);
    expect(tooltipValue(formatterFor("en-US"), 0)(2306, "Calories (kcal)")).toEqual(["2,306 kcal", "Calories"]);
    expect(tooltipValue(formatterFor("en-GB"))(44.25, "Nightly RMSSD (ms)")).toEqual(["44.3 ms", "Nightly RMSSD"]);
  });

  it("writes a band as a range and leaves names without a unit alone", () => {
    expect(tooltipValue(formatterFor("de-DE"))([40.12, 52.3], "Baseline (ms)")).toEqual(["40,1–52,3 ms", "Baseline"]);
    expect(tooltipValue(formatterFor("en-GB"))(14.4, "Full sleep")).toEqual(["14.4", "Full sleep"]);
    expect(tooltipValue(formatterFor("en-GB"))(null, "Deep")).toEqual(["—", "Deep"]);
  });
});
