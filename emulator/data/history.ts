/**
 * A person's generated history, built lazily one date at a time and memoised.
 *
 * What a date holds is a pure function of (person, date) — plus the sparse wearer's device
 * upgrade month, which moves once a month (see lifestyle.upgradeDay). What is *visible* depends
 * on the emulator clock: only dates in [first served day, local today], and on today only what
 * has already happened (a sleep that has ended, a meal already logged).
 */
import type { DemoPerson } from "../types";
import { generateFoodDay, visibleFood, type FoodDayData } from "./food";
import { firstServedDay, upgradeDay } from "./lifestyle";
import { NO_PHYSIOLOGY, physiologyFor, type Physiology } from "./physiology";
import type { StageLevel } from "./shapes";
import { buildLog, markMainSleep, STAGE_LEVELS, type GeneratedLog } from "./sleep";
import { planEpisodes } from "./sleep-plan";
import { dayOfLocal, localDay, MS_PER_DAY, MS_PER_MIN, parseDay, utcToLocal } from "./time";

/** thirtyDayAvgMinutes looks back this many dates before the log's date. */
const AVG_WINDOW = 30;

export class History {
  private readonly raw = new Map<number, GeneratedLog[]>();
  private readonly averaged = new Set<number>();
  private readonly physio = new Map<number, Physiology>();
  private readonly food = new Map<number, FoodDayData>();
  private readonly memberDay: number;

  constructor(
    readonly person: DemoPerson,
    private readonly upgrade: number,
  ) {
    this.memberDay = parseDay(person.memberSince) ?? Number.NEGATIVE_INFINITY;
  }

  /** Logs ending on `day` without thirty-day averages (what the averages are computed from). */
  private rawLogs(day: number): GeneratedLog[] {
    let logs = this.raw.get(day);
    if (!logs) {
      logs = [];
      if (day >= this.memberDay) {
        const episodes = planEpisodes(this.person, day, this.upgrade).filter(
          // Belt and braces: a log belongs to the date its end falls on.
          (ep) => dayOfLocal(utcToLocal(this.person.timezone, ep.endUtc)) === day,
        );
        logs = episodes.map((ep, i) => buildLog(this.person, day, i, ep));
        markMainSleep(logs);
      }
      this.raw.set(day, logs);
    }
    return logs;
  }

  /** All logs ending on `day`, complete (thirtyDayAvgMinutes filled in on stages logs). */
  logs(day: number): GeneratedLog[] {
    const logs = this.rawLogs(day);
    if (!this.averaged.has(day)) {
      const avg = this.thirtyDayAverages(day);
      for (const g of logs) {
        if (g.log.type !== "stages") continue;
        for (const l of STAGE_LEVELS) g.log.levels.summary[l].thirtyDayAvgMinutes = avg[l];
      }
      this.averaged.add(day);
    }
    return logs;
  }

  /** Actual average minutes per stage over this person's stages logs of the 30 prior dates
   * (0 when there are none, as for a new user, §5.3). Nights before the served window count:
   * Fitbit has them even though we only serve two years. */
  private thirtyDayAverages(day: number): Record<StageLevel, number> {
    const sum: Record<StageLevel, number> = { deep: 0, light: 0, rem: 0, wake: 0 };
    let n = 0;
    for (let d = day - AVG_WINDOW; d < day; d++) {
      for (const g of this.rawLogs(d)) {
        if (g.log.type !== "stages") continue;
        n++;
        for (const l of STAGE_LEVELS) sum[l] += g.log.levels.summary[l].minutes;
      }
    }
    const avg = (l: StageLevel) => (n === 0 ? 0 : Math.round(sum[l] / n));
    return { deep: avg("deep"), light: avg("light"), rem: avg("rem"), wake: avg("wake") };
  }

  physiology(day: number): Physiology {
    let p = this.physio.get(day);
    if (!p) {
      const main = this.logs(day).find((g) => g.log.isMainSleep);
      p = physiologyFor(this.person, day, main);
      this.physio.set(day, p);
    }
    return p;
  }

  foodDay(day: number): FoodDayData {
    let f = this.food.get(day);
    if (!f) {
      f = generateFoodDay(this.person, day);
      this.food.set(day, f);
    }
    return f;
  }
}

const histories = new Map<string, History>();

function historyKey(p: DemoPerson, upgrade: number): string {
  return [p.encodedId, p.seed, p.archetype, p.timezone, p.memberSince, p.locale, upgrade].join("|");
}

/** The clock-dependent view of a person: their history, local today and the served window. */
export interface View {
  history: History;
  person: DemoPerson;
  nowMs: number;
  today: number;
  first: number;
}

export function viewOf(person: DemoPerson, nowMs: number): View {
  const today = localDay(person.timezone, nowMs);
  const upgrade = upgradeDay(person, today);
  const key = historyKey(person, upgrade);
  let history = histories.get(key);
  if (!history) {
    history = new History(person, upgrade);
    histories.set(key, history);
  }
  return { history, person, nowMs, today, first: firstServedDay(person, today) };
}

export function inWindow(v: View, day: number): boolean {
  return day >= v.first && day <= v.today;
}

/** Logs of `day` visible at the view's now (ended already, date inside the window). */
export function visibleLogs(v: View, day: number): GeneratedLog[] {
  if (!inWindow(v, day)) return [];
  const logs = v.history.logs(day);
  return day < v.today ? logs : logs.filter((g) => g.episode.endUtc <= v.nowMs);
}

/** HRV and breathing rate of `day`, once its main sleep has ended. */
export function visiblePhysiology(v: View, day: number): Physiology {
  if (!inWindow(v, day)) return NO_PHYSIOLOGY;
  const main = v.history.logs(day).find((g) => g.log.isMainSleep);
  if (!main || main.episode.endUtc > v.nowMs) return NO_PHYSIOLOGY;
  return v.history.physiology(day);
}

/** The food diary of `day`; on today only what was logged by now. */
export function visibleFoodDay(v: View, day: number): FoodDayData {
  if (!inWindow(v, day)) return { foods: [], water: [] };
  const data = v.history.foodDay(day);
  if (day < v.today) return data;
  const minuteNow = Math.floor(
    (utcToLocal(v.person.timezone, v.nowMs) - day * MS_PER_DAY) / MS_PER_MIN,
  );
  return visibleFood(data, minuteNow);
}
