import { describe, expect, it } from "vitest";
import { History, viewOf } from "./history";
import { sleepDay, sleepLogsForDate } from "./index";
import { upgradeDay } from "./lifestyle";
import type { ClassicSleepLog, SleepLog, StagesSleepLog } from "./shapes";
import { logStartUtc, instantOf, NOW, PEOPLE, person, servedNights } from "./test-support";
import { formatDay, parseDay } from "./time";

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:(00|30)\.000$/;

function checkCommon(tz: string, log: SleepLog, date: string) {
  expect(log.startTime).toMatch(TIME_RE);
  expect(log.endTime).toMatch(TIME_RE);
  expect(log.dateOfSleep).toBe(date);
  expect(log.endTime.slice(0, 10)).toBe(date);
  const start = logStartUtc(tz, log); // throws unless startTime + duration lands on endTime
  expect(log.duration % 60_000).toBe(0);
  expect(log.timeInBed).toBe(log.duration / 60_000);
  expect(log.timeInBed).toBe(
    log.minutesToFallAsleep + log.minutesAsleep + log.minutesAwake + log.minutesAfterWakeup,
  );
  expect(Number.isInteger(log.efficiency)).toBe(true);
  expect(log.efficiency).toBeGreaterThanOrEqual(0);
  expect(log.efficiency).toBeLessThanOrEqual(100);
  expect(Number.isSafeInteger(log.logId)).toBe(true);
  expect(log.logId).toBeGreaterThan(2.5e10);
  expect(log.logId).toBeLessThan(2.7e10);

  // levels.data tiles start→end in real time; each dateTime is the wall clock at that instant.
  const unit = log.type === "stages" ? 30 : 60;
  let cursor = start;
  for (const e of log.levels.data) {
    expect(instantOf(tz, e.dateTime, cursor)).toBe(cursor);
    expect(e.seconds % unit).toBe(0);
    expect(e.seconds).toBeGreaterThan(0);
    cursor += e.seconds * 1000;
  }
  expect(cursor).toBe(start + log.duration);
  for (let i = 1; i < log.levels.data.length; i++) {
    expect(log.levels.data[i]?.level).not.toBe(log.levels.data[i - 1]?.level);
  }
  return start;
}

function checkStages(tz: string, log: StagesSleepLog, start: number) {
  const s = log.levels.summary;
  expect(Object.keys(s).sort()).toEqual(["deep", "light", "rem", "wake"]);
  expect(log.minutesAsleep).toBe(s.deep.minutes + s.light.minutes + s.rem.minutes);
  expect(log.minutesAwake).toBe(s.wake.minutes);
  expect(log.infoCode).toBe(0);
  expect(log.timeInBed).toBeGreaterThanOrEqual(180);

  // Segments as instants, to place the short wakes.
  let cursor = start;
  const segs = log.levels.data.map((e) => {
    const seg = { level: e.level, from: cursor, to: cursor + e.seconds * 1000 };
    cursor = seg.to;
    return seg;
  });
  const shortIn: Record<string, number> = { deep: 0, light: 0, rem: 0 };
  let prevEnd = start;
  for (const w of log.levels.shortData) {
    expect(w.level).toBe("wake");
    expect(w.seconds).toBeLessThanOrEqual(180);
    expect(w.seconds % 30).toBe(0);
    const from = instantOf(tz, w.dateTime, prevEnd);
    const to = from + w.seconds * 1000;
    const host = segs.find((g) => g.from <= from && to <= g.to);
    expect(host, `short wake ${w.dateTime} inside one segment`).toBeDefined();
    expect(host?.level).not.toBe("wake");
    shortIn[host!.level]! += w.seconds;
    prevEnd = to;
  }
  for (const e of log.levels.data) if (e.level === "wake") expect(e.seconds).toBeGreaterThan(180);

  const secs = (level: string) =>
    log.levels.data.filter((e) => e.level === level).reduce((a, e) => a + e.seconds, 0);
  for (const level of ["deep", "light", "rem"] as const) {
    const expected = (secs(level) - (shortIn[level] ?? 0)) / 60;
    expect(Math.abs(s[level].minutes - expected)).toBeLessThanOrEqual(0.5);
    expect(s[level].count).toBe(log.levels.data.filter((e) => e.level === level).length);
  }
  const wakeSecs = secs("wake") + log.levels.shortData.reduce((a, w) => a + w.seconds, 0);
  expect(Math.abs(s.wake.minutes - wakeSecs / 60)).toBeLessThanOrEqual(0.5);
  expect(s.wake.count).toBe(
    log.levels.data.filter((e) => e.level === "wake").length + log.levels.shortData.length,
  );
}

function checkClassic(log: ClassicSleepLog) {
  expect("shortData" in log.levels).toBe(false);
  const s = log.levels.summary;
  expect(Object.keys(s).sort()).toEqual(["asleep", "awake", "restless"]);
  for (const v of Object.values(s)) expect(Object.keys(v).sort()).toEqual(["count", "minutes"]);
  expect(log.minutesAsleep).toBe(s.asleep.minutes);
  expect(log.minutesAwake).toBe(s.awake.minutes + s.restless.minutes);
  expect(log.efficiency).toBe(Math.round((100 * log.minutesAsleep) / log.timeInBed));
  for (const e of log.levels.data) expect(["asleep", "restless", "awake"]).toContain(e.level);
  // Under 3 h: "too short" (2); otherwise no HR sensor (0) or not enough HR data (1).
  expect(log.infoCode).toBe(log.timeInBed < 180 ? 2 : log.infoCode === 1 ? 1 : 0);
}

describe.each(PEOPLE.map((p) => [p.archetype, p] as const))("sleep invariants: %s", (_name, p) => {
  const nights = servedNights(p);

  it("serves two years of dates up to local today", () => {
    expect(nights.length).toBe(730);
  });

  it("every log keeps the §5.3 invariants", () => {
    const ids = new Set<number>();
    for (const { date, logs } of nights) {
      for (const log of logs) {
        const start = checkCommon(p.timezone, log, date);
        if (log.type === "stages") checkStages(p.timezone, log, start);
        else checkClassic(log);
        expect(ids.has(log.logId)).toBe(false);
        ids.add(log.logId);
      }
    }
    expect(ids.size).toBeGreaterThan(300);
  });

  it("has exactly one main sleep, the longest, on each date with logs", () => {
    for (const { logs } of nights) {
      if (logs.length === 0) continue;
      const mains = logs.filter((l) => l.isMainSleep);
      expect(mains).toHaveLength(1);
      expect(Math.max(...logs.map((l) => l.duration))).toBe(mains[0]!.duration);
    }
  });

  it("logs of consecutive dates never overlap", () => {
    const all = nights
      .flatMap((n) => n.logs)
      .map((l) => [logStartUtc(p.timezone, l), l.duration] as const);
    all.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < all.length; i++)
      expect(all[i]![0]).toBeGreaterThanOrEqual(all[i - 1]![0] + all[i - 1]![1]);
  });

  it("fills thirtyDayAvgMinutes with the real average of the 30 prior dates", () => {
    const byDate = new Map(nights.map((n) => [n.date, n.logs]));
    let checked = 0;
    for (const [i, { logs }] of nights.entries()) {
      if (i < 30) continue;
      for (const log of logs) {
        if (log.type !== "stages") continue;
        const prior = nights
          .slice(i - 30, i)
          .flatMap((n) => byDate.get(n.date) ?? [])
          .filter((l): l is StagesSleepLog => l.type === "stages");
        for (const level of ["deep", "light", "rem", "wake"] as const) {
          const avg = prior.length
            ? Math.round(
                prior.reduce((a, l) => a + l.levels.summary[level].minutes, 0) / prior.length,
              )
            : 0;
          expect(log.levels.summary[level].thirtyDayAvgMinutes).toBe(avg);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("day summary sums all logs and only stages logs for `stages`", () => {
    for (const { date, logs } of nights.slice(-60)) {
      const { summary } = sleepDay(p, date, NOW);
      expect(summary.totalSleepRecords).toBe(logs.length);
      expect(summary.totalMinutesAsleep).toBe(logs.reduce((a, l) => a + l.minutesAsleep, 0));
      expect(summary.totalTimeInBed).toBe(logs.reduce((a, l) => a + l.timeInBed, 0));
      const stages = logs.filter((l): l is StagesSleepLog => l.type === "stages");
      if (stages.length === 0) expect(summary.stages).toBeUndefined();
      else
        expect(summary.stages?.deep).toBe(
          stages.reduce((a, l) => a + l.levels.summary.deep.minutes, 0),
        );
    }
  });

  it("is deterministic: a fresh generator yields deep-equal logs, another seed differs", () => {
    const v = viewOf(p, NOW);
    const upgrade = upgradeDay(p, v.today);
    const a = new History(p, upgrade);
    const b = new History(p, upgrade);
    const other = new History({ ...p, seed: p.seed + 1 }, upgrade);
    let differs = 0;
    for (let d = v.today - 60; d < v.today; d++) {
      const la = a.logs(d).map((g) => g.log);
      expect(b.logs(d).map((g) => g.log)).toEqual(la);
      expect(la).toEqual(sleepLogsForDate(p, formatDay(d), NOW));
      if (JSON.stringify(other.logs(d).map((g) => g.log)) !== JSON.stringify(la)) differs++;
    }
    expect(differs).toBeGreaterThan(50);
  });
});

describe("archetypes", () => {
  it("steady: nearly every night tracked, stages, bedtime around 23:00, a few manual logs", () => {
    const p = person("steady");
    const nights = servedNights(p);
    const mains = nights.flatMap((n) => n.logs.filter((l) => l.isMainSleep));
    expect(mains.length / nights.length).toBeGreaterThan(0.95);
    expect(mains.filter((l) => l.type === "stages").length / mains.length).toBeGreaterThan(0.95);
    const manual = mains.filter((l) => l.logType === "manual");
    expect(manual.length).toBeGreaterThan(0);
    for (const l of manual) expect(l.type).toBe("classic");
    for (const l of mains) {
      const [h, m] = l.startTime.slice(11, 16).split(":").map(Number) as [number, number];
      const minutesFrom23 = ((h * 60 + m - 23 * 60 + 720 + 1440) % 1440) - 720;
      expect(Math.abs(minutesFrom23)).toBeLessThanOrEqual(50);
    }
  });

  it("shift worker: daytime main sleeps after night shifts, classic naps, split nights", () => {
    const p = person("shift_worker");
    const nights = servedNights(p);
    const naps = nights.flatMap((n) => n.logs.filter((l) => !l.isMainSleep));
    expect(naps.length).toBeGreaterThan(100);
    for (const nap of naps.filter((l) => l.timeInBed < 180)) {
      expect(nap.type).toBe("classic");
      expect(nap.infoCode).toBe(2);
    }
    const daytime = nights.flatMap((n) =>
      n.logs.filter(
        (l) =>
          l.isMainSleep && l.startTime.slice(11, 13) >= "07" && l.startTime.slice(11, 13) <= "10",
      ),
    );
    expect(daytime.length).toBeGreaterThan(100);
    // A split main sleep: two logs on one date separated by a wake of more than an hour.
    const splits = nights.filter(({ logs }) => {
      const sorted = [...logs].sort((a, b) => (a.startTime < b.startTime ? -1 : 1));
      return sorted.some((l, i) => {
        const next = sorted[i + 1];
        if (!next || !l.isMainSleep) return false;
        const gap =
          (logStartUtc(p.timezone, next) - logStartUtc(p.timezone, l) - l.duration) / 60_000;
        return gap > 60 && gap <= 100;
      });
    });
    expect(splits.length).toBeGreaterThan(5);
  });

  it("sparse: about a third of nights missing, classic logs before the upgrade", () => {
    const p = person("sparse");
    const nights = servedNights(p);
    const missing = nights.filter((n) => n.logs.length === 0).length / nights.length;
    expect(missing).toBeGreaterThan(0.25);
    expect(missing).toBeLessThan(0.45);
    const upgrade = upgradeDay(p, viewOf(p, NOW).today);
    const old = nights.filter((n) => (parseDay(n.date) ?? 0) < upgrade).flatMap((n) => n.logs);
    const recent = nights.filter((n) => (parseDay(n.date) ?? 0) >= upgrade).flatMap((n) => n.logs);
    expect(old.length).toBeGreaterThan(50);
    for (const l of old) expect(l.type).toBe("classic");
    expect(recent.filter((l) => l.type === "stages").length / recent.length).toBeGreaterThan(0.75);
    expect(recent.some((l) => l.type === "classic" && l.infoCode === 1)).toBe(true);
  });
});

describe("visibility by clock", () => {
  it("a date after local today has no logs; today's night appears once it has ended", () => {
    const p = person("steady"); // Europe/London, wakes ~07:00
    expect(sleepLogsForDate(p, "2026-11-25", NOW)).toEqual([]);
    const early = Date.UTC(2026, 10, 24, 3, 0); // 03:00 London: still asleep
    const late = Date.UTC(2026, 10, 24, 10, 0);
    expect(sleepLogsForDate(p, "2026-11-24", early).filter((l) => l.isMainSleep)).toHaveLength(0);
    expect(sleepLogsForDate(p, "today", late).filter((l) => l.isMainSleep)).toHaveLength(1);
  });

  it("at any time of day, visible logs of today include exactly one main sleep or none", () => {
    const p = person("shift_worker");
    for (let h = 0; h < 24 * 14; h += 1) {
      const now = NOW + h * 3_600_000;
      const logs = sleepLogsForDate(p, "today", now);
      if (logs.length > 0) expect(logs.filter((l) => l.isMainSleep)).toHaveLength(1);
    }
  });
});
