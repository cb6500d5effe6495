import { describe, expect, it } from "vitest";
import { localTimeToMs } from "@/lib/dates";
import { formatClock } from "@/lib/testing/wall-clock";
import { clockTimeline } from "./clock-timeline";

const FIVE_MIN = 300_000;

describe("clock timeline", () => {
  it("keeps an autumn DST night monotonic and labels it with the local clock", () => {
    const clocks = ["01:50", "01:55", "01:00", "01:05"];
    const walls = clocks.map((clock) => localTimeToMs(`2026-11-01T${clock}:00.000`));
    const { xs, wallAt } = clockTimeline(walls, FIVE_MIN);
    expect(xs).toEqual([0, FIVE_MIN, 2 * FIVE_MIN, 3 * FIVE_MIN]);
    expect(xs.map((x) => formatClock(wallAt(x), false))).toEqual(clocks);
  });

  it("keeps real gaps between readings", () => {
    const walls = ["00:00", "00:05", "00:30"].map((clock) => localTimeToMs(`2026-06-01T${clock}:00.000`));
    expect(clockTimeline(walls, FIVE_MIN).xs).toEqual([0, FIVE_MIN, 6 * FIVE_MIN]);
  });

  it("ticks every whole hour of the night (every 2 h past 10 h), labelled by the clock", () => {
    const walls = Array.from({ length: 96 }, (_, index) => localTimeToMs("2026-06-01T23:10:00.000") + index * FIVE_MIN);
    const { xs, wallAt, ticks } = clockTimeline(walls, FIVE_MIN);
    expect(ticks.map((x) => formatClock(wallAt(x), false))).toEqual(["00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00"]);
    expect(ticks.every((x) => x <= xs.at(-1)!)).toBe(true);
    const long = Array.from({ length: 150 }, (_, index) => localTimeToMs("2026-06-01T21:00:00.000") + index * FIVE_MIN);
    expect(clockTimeline(long, FIVE_MIN).ticks.map((x) => formatClock(clockTimeline(long, FIVE_MIN).wallAt(x), false))).toEqual(["21:00", "23:00", "01:00", "03:00", "05:00", "07:00", "09:00"]);
  });
});
