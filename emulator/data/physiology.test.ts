import { describe, expect, it } from "vitest";
import {
  brForDate,
  brIntradayForDate,
  hrvForDate,
  hrvIntradayForDate,
  sleepLogsForDate,
} from "./index";
import { lateHeavyDinner } from "./lifestyle";
import { instantOf, logStartUtc, NOW, PEOPLE, person, servedDates } from "./test-support";
import { parseDay } from "./time";

const decimals = (x: number) => (String(x).split(".")[1] ?? "").length;

describe.each(PEOPLE.map((p) => [p.archetype, p] as const))(
  "HRV and breathing rate: %s",
  (_n, p) => {
    const dates = servedDates(p);

    it("exist only for a main stages sleep of 3 h or more, dated by its wake date", () => {
      let withHrv = 0;
      let qualifyingWithout = 0;
      for (const date of dates) {
        const main = sleepLogsForDate(p, date, NOW).find((l) => l.isMainSleep);
        const hrv = hrvForDate(p, date, NOW);
        const br = brForDate(p, date, NOW);
        const qualifies = main?.type === "stages" && main.duration >= 3 * 3_600_000;
        if (!qualifies) {
          expect(hrv).toBeNull();
          expect(br).toBeNull();
          continue;
        }
        if (hrv) {
          withHrv++;
          expect(hrv.dateTime).toBe(date);
          expect(Object.keys(hrv.value)).toEqual(["dailyRmssd", "deepRmssd"]);
          expect(decimals(hrv.value.dailyRmssd)).toBeLessThanOrEqual(3);
          expect(hrv.value.dailyRmssd).toBeGreaterThan(10);
          expect(hrv.value.dailyRmssd).toBeLessThan(120);
        } else qualifyingWithout++;
        if (br) {
          expect(br.dateTime).toBe(date);
          expect(br.value.breathingRate).toBe(
            brIntradayForDate(p, date, NOW)?.value.fullSleepSummary.breathingRate,
          );
        }
      }
      expect(withHrv).toBeGreaterThan(150);
      expect(qualifyingWithout).toBeGreaterThan(0); // some qualifying nights still lack HRV
    });

    it("intraday HRV: one reading per 5-minute window inside the main sleep; daily = mean", () => {
      for (const date of dates.slice(-40)) {
        const day = hrvIntradayForDate(p, date, NOW);
        if (!day) continue;
        const main = sleepLogsForDate(p, date, NOW).find((l) => l.isMainSleep)!;
        const start = logStartUtc(p.timezone, main);
        let prev = start - 1;
        for (const m of day.minutes) {
          expect(m.minute).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d[05]:00\.000$/);
          const t = instantOf(p.timezone, m.minute, prev + 1);
          expect(t).toBeGreaterThanOrEqual(start);
          expect(t + 300_000).toBeLessThanOrEqual(start + main.duration);
          prev = t;
          expect(Object.keys(m.value)).toEqual(["rmssd", "coverage", "hf", "lf"]);
          for (const v of Object.values(m.value)) expect(decimals(v)).toBeLessThanOrEqual(3);
          expect(m.value.coverage).toBeGreaterThanOrEqual(0);
          expect(m.value.coverage).toBeLessThanOrEqual(1);
        }
        const mean = day.minutes.reduce((a, m) => a + m.value.rmssd, 0) / day.minutes.length;
        expect(Math.abs(mean - hrvForDate(p, date, NOW)!.value.dailyRmssd)).toBeLessThan(0.01);
      }
    });
  },
);

describe("breathing rate per stage", () => {
  it("reports -1 for stages without a value, and real rates otherwise", () => {
    let minusOne = 0;
    for (const p of PEOPLE) {
      for (const date of servedDates(p)) {
        const br = brIntradayForDate(p, date, NOW);
        if (!br) continue;
        expect(Object.keys(br.value)).toEqual([
          "deepSleepSummary",
          "remSleepSummary",
          "fullSleepSummary",
          "lightSleepSummary",
        ]);
        for (const s of Object.values(br.value)) {
          if (s.breathingRate === -1) minusOne++;
          else {
            expect(s.breathingRate).toBeGreaterThan(8);
            expect(s.breathingRate).toBeLessThan(25);
            expect(decimals(s.breathingRate)).toBeLessThanOrEqual(1);
          }
        }
        expect(br.value.fullSleepSummary.breathingRate).not.toBe(-1);
      }
    }
    expect(minusOne).toBeGreaterThan(20);
  });
});

describe("late heavy dinners", () => {
  it("lower that night's HRV and raise its breathing rate (DST traveller)", () => {
    const p = person("dst_traveller");
    const after: number[][] = [[], []];
    const br: number[][] = [[], []];
    for (const date of servedDates(p)) {
      const day = parseDay(date)!;
      const heavy = lateHeavyDinner(p, day - 1) ? 1 : 0;
      const h = hrvForDate(p, date, NOW);
      const b = brForDate(p, date, NOW);
      if (h) after[heavy]!.push(h.value.dailyRmssd);
      if (b) br[heavy]!.push(b.value.breathingRate);
    }
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(after[1]!.length).toBeGreaterThan(30);
    expect(mean(after[1]!)).toBeLessThan(mean(after[0]!) * 0.9);
    expect(mean(br[1]!)).toBeGreaterThan(mean(br[0]!) + 0.4);
  });
});
