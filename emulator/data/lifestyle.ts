/**
 * Who each archetype is: physiological baselines, devices, habits, and the day-level decisions
 * several generators must agree on (a late heavy dinner shows up in the food log *and* in that
 * night's HRV, breathing rate and restlessness; a night shift decides when Sam sleeps).
 * Every function here is a pure function of (person, day).
 */
import type { DemoPerson } from "../types";
import { addMonths, parseDay, weekday } from "./time";
import { hashParts, rngFor } from "./prng";

export type Archetype = DemoPerson["archetype"];

export interface Traits {
  /** Nightly RMSSD baseline in ms. */
  hrvBase: number;
  /** Breathing-rate baseline, breaths per minute. */
  brBase: number;
  calorieGoal: number;
  /** Probability that a day has nothing logged in the food diary. */
  foodEmptyRate: number;
  /** Tracker model name as `deviceVersion`. */
  tracker: string;
  /** Days a charge lasts (drives the battery level). */
  batteryDays: number;
  /** Minutes between background syncs (drives lastSyncTime). */
  syncEveryMin: number;
  hasScale: boolean;
}

const TRAITS: Record<Archetype, Traits> = {
  steady: {
    hrvBase: 44,
    brBase: 14.6,
    calorieGoal: 2000,
    foodEmptyRate: 0.05,
    tracker: "Charge 6",
    batteryDays: 7,
    syncEveryMin: 20,
    hasScale: true,
  },
  shift_worker: {
    hrvBase: 31,
    brBase: 16.2,
    calorieGoal: 2700,
    foodEmptyRate: 0.15,
    tracker: "Versa 4",
    batteryDays: 6,
    syncEveryMin: 30,
    hasScale: false,
  },
  sparse: {
    hrvBase: 36,
    brBase: 15.1,
    calorieGoal: 2200,
    foodEmptyRate: 0.6,
    tracker: "Inspire 3",
    batteryDays: 10,
    syncEveryMin: 150,
    hasScale: false,
  },
  dst_traveller: {
    hrvBase: 39,
    brBase: 14.9,
    calorieGoal: 1900,
    foodEmptyRate: 0.08,
    tracker: "Sense 2",
    batteryDays: 5,
    syncEveryMin: 25,
    hasScale: false,
  },
};

export function traitsOf(person: DemoPerson): Traits {
  return TRAITS[person.archetype];
}

/** Days of history served, ending with (and including) local today (brief: about two years). */
export const HISTORY_DAYS = 730;

export function firstServedDay(person: DemoPerson, today: number): number {
  const member = parseDay(person.memberSince) ?? 0;
  return Math.max(member, today - HISTORY_DAYS + 1);
}

/**
 * The sparse wearer's device upgrade: nights before it come from an old tracker without a
 * heart-rate sensor (classic logs, no HRV/BR). "About a year ago" must not slide every day, or a
 * night already synced by the app would change from stages to classic as the clock advances; so
 * the boundary is the first of the month one year before today, stable for a whole month.
 */
export function upgradeDay(person: DemoPerson, today: number): number {
  if (person.archetype !== "sparse") return Number.NEGATIVE_INFINITY;
  const yearAgo = addMonths(today, -12);
  return yearAgo - (new Date(yearAgo * 86_400_000).getUTCDate() - 1);
}

// --- shift rota --------------------------------------------------------------------------------

export type ShiftKind = "day" | "off" | "night";
/** 4 day shifts (07:00–15:00), 3 off, 4 night shifts (19:00–07:00 next morning), 3 off. */
// prettier-ignore
const ROTA: readonly ShiftKind[] = [
  "day", "day", "day", "day", "off", "off", "off",
  "night", "night", "night", "night", "off", "off", "off",
];

/** What the shift worker does on calendar day `day` (a night shift starts that evening). */
export function shiftKind(person: DemoPerson, day: number): ShiftKind {
  const phase = hashParts(person.seed, "rota") % ROTA.length;
  return ROTA[(((day + phase) % ROTA.length) + ROTA.length) % ROTA.length] ?? "off";
}

// --- evenings ------------------------------------------------------------------------------------

/**
 * A late (after 21:00) heavy (> 900 kcal) dinner on `day`. Only the DST traveller has them
 * (about one evening in nine, more on Fridays and Saturdays); the night that *ends* on day + 1
 * pays for it.
 */
export function lateHeavyDinner(person: DemoPerson, day: number): boolean {
  if (person.archetype !== "dst_traveller") return false;
  const wd = weekday(day);
  const p = wd === 5 || wd === 6 ? 0.22 : 0.08;
  return rngFor(person.seed, "late-dinner", day).chance(p);
}

/** Whether the food diary (food and water) is empty on `day`. Days with a late heavy dinner are
 * always logged so the dashboard can show the cause next to the effect. */
export function foodDayEmpty(person: DemoPerson, day: number): boolean {
  if (lateHeavyDinner(person, day)) return false;
  return rngFor(person.seed, "food-empty", day).chance(traitsOf(person).foodEmptyRate);
}
