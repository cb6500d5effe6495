import { describe, expect, it } from "vitest";
import { formatClock } from "@/lib/testing/wall-clock";
import { placeSegments } from "./hypnogram-layout";

describe("hypnogram layout", () => {
  it("places segments by elapsed time and labels ticks with the local clock", () => {
    const layout = placeSegments({
      startLocal: "2026-03-01T23:30:00.000",
      endLocal: "2026-03-02T01:30:00.000",
      segments: [
        { start: "2026-03-01T23:30:00.000", level: "light", seconds: 3600 },
        { start: "2026-03-02T00:30:00.000", level: "deep", seconds: 3600 },
      ],
    });
    expect(layout.placed.map((segment) => segment.x)).toEqual([0, 3_600_000]);
    expect(layout.total).toBe(7_200_000);
    expect(layout.ticks.map((x) => formatClock(layout.wallAt(x), false))).toEqual(["00:00", "01:00"]);
    expect(layout.xOfWall(Date.parse("2026-03-02T00:45:00Z"))).toEqual({ x: 4_500_000, index: 1 });
  });

  it("keeps a night across the autumn DST change monotonic (the 01:00 hour repeats)", () => {
    const layout = placeSegments({
      startLocal: "2026-11-01T00:30:00.000",
      endLocal: "2026-11-01T02:30:00.000",
      segments: [
        { start: "2026-11-01T00:30:00.000", level: "light", seconds: 5400 }, // 00:30 EDT + 90 min = 01:00 EST
        { start: "2026-11-01T01:00:00.000", level: "deep", seconds: 3600 }, // the 01:00 hour again
        { start: "2026-11-01T02:00:00.000", level: "rem", seconds: 1800 },
      ],
    });
    const xs = layout.placed.map((segment) => segment.x);
    expect(xs).toEqual([0, 5_400_000, 9_000_000]);
    expect(layout.total).toBe(10_800_000);
    expect(layout.ticks.map((x) => formatClock(layout.wallAt(x), false))).toEqual(["01:00", "01:00", "02:00"]);
    // 01:30 exists twice: first in the light segment, and searching on from there, in the deep one.
    const wall = Date.parse("2026-11-01T01:30:00Z");
    expect(layout.xOfWall(wall)).toEqual({ x: 3_600_000, index: 0 });
    expect(layout.xOfWall(wall, 1)).toEqual({ x: 7_200_000, index: 1 });
  });

  it("labels the clock right when the DST change falls inside a segment", () => {
    // Fall back (US): 01:30 EDT light for 60 real minutes = until 01:30 EST; the clock passes
    // 02:00 EDT, which becomes 01:00 EST.
    const autumn = placeSegments({
      startLocal: "2026-11-01T00:00:00.000",
      endLocal: "2026-11-01T02:00:00.000",
      segments: [
        { start: "2026-11-01T00:00:00.000", level: "deep", seconds: 5400 },
        { start: "2026-11-01T01:30:00.000", level: "light", seconds: 3600 },
        { start: "2026-11-01T01:30:00.000", level: "rem", seconds: 1800 },
      ],
    });
    expect(autumn.ticks.map((x) => formatClock(autumn.wallAt(x), false))).toEqual(["00:00", "01:00", "01:00", "02:00"]);
    // Spring forward (US): 01:30 light for 60 real minutes ends at 03:30.
    const spring = placeSegments({
      startLocal: "2026-03-08T01:00:00.000",
      endLocal: "2026-03-08T04:00:00.000",
      segments: [
        { start: "2026-03-08T01:00:00.000", level: "deep", seconds: 1800 },
        { start: "2026-03-08T01:30:00.000", level: "light", seconds: 3600 },
        { start: "2026-03-08T03:30:00.000", level: "rem", seconds: 1800 },
      ],
    });
    expect(spring.ticks.map((x) => formatClock(spring.wallAt(x), false))).toEqual(["01:00", "03:00", "04:00"]);
  });
});
