import { describe, expect, it } from "vitest";
import { hrvIntradayForDate, sleepLogsForDate } from "./index";
import { instantOf, logStartUtc, NOW, person } from "./test-support";
import { parseLocalDateTime } from "./time";

const dana = person("dst_traveller"); // America/New_York
const tz = dana.timezone;

/** Wall-clock minutes between two local strings, ignoring the zone. */
function wallMinutes(from: string, to: string): number {
  return (
    ((parseLocalDateTime(to.slice(0, 19)) ?? 0) - (parseLocalDateTime(from.slice(0, 19)) ?? 0)) /
    60_000
  );
}

describe.each([
  ["2025-03-09", -60],
  ["2026-03-08", -60],
  ["2025-11-02", 60],
  ["2026-11-01", 60],
] as const)("DST night ending %s", (date, shift) => {
  const logs = sleepLogsForDate(dana, date, NOW);
  const main = logs.find((l) => l.isMainSleep);

  it("is tracked, and duration is real elapsed time (wall clock ± 1 h)", () => {
    expect(main).toBeDefined();
    expect(main!.timeInBed).toBe(wallMinutes(main!.startTime, main!.endTime) + shift);
    expect(main!.duration).toBe(main!.timeInBed * 60_000);
  });

  it("has segments consecutive in real time, labelled with the local wall clock", () => {
    const start = logStartUtc(tz, main!);
    let cursor = start;
    let jumps = 0;
    const data = main!.levels.data;
    for (const [i, e] of data.entries()) {
      expect(instantOf(tz, e.dateTime, cursor)).toBe(cursor);
      cursor += e.seconds * 1000;
      const next = data[i + 1];
      if (next) {
        const wall = wallMinutes(e.dateTime, next.dateTime) * 60;
        if (wall !== e.seconds) {
          expect(wall - e.seconds).toBe(-shift * 60); // clock jumps forward 1 h / back 1 h
          jumps++;
        }
      }
    }
    expect(cursor).toBe(start + main!.duration);
    expect(jumps).toBe(1);
  });

  it("labels HRV windows on the local clock: a missing hour in spring, a repeated one in autumn", () => {
    const minutes = hrvIntradayForDate(dana, date, NOW)?.minutes.map((m) => m.minute) ?? [];
    expect(minutes.length).toBeGreaterThan(50);
    const inHour = (h: string) => minutes.filter((m) => m.slice(11, 13) === h).length;
    if (shift < 0) expect(inHour("02")).toBe(0);
    else expect(new Set(minutes).size).toBeLessThan(minutes.length); // 01:xx appears twice
  });
});
