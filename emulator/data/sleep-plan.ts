/**
 * When each person sleeps: the episodes (future sleep logs) that END on a given local day, since
 * Fitbit dates a sleep by its end (`dateOfSleep`, §5.1). Episodes of neighbouring days never
 * overlap by construction: every episode ending on day D starts after 21:30 on D-1, and every
 * episode ending on D-1 ends before 19:00 on D-1.
 */
import type { DemoPerson } from "../types";
import { lateHeavyDinner, shiftKind } from "./lifestyle";
import { clamp, rngFor, type Rng } from "./prng";
import { localToUtc, MS_PER_DAY, MS_PER_MIN, offsetAt, weekday } from "./time";

/** How a night differs from the person's usual: multipliers for deep, REM and wakefulness. */
export interface Quality {
  deep: number;
  rem: number;
  wake: number;
}

export interface Episode {
  startUtc: number;
  endUtc: number;
  type: "stages" | "classic";
  logType: "auto_detected" | "manual";
  infoCode: 0 | 1 | 2;
  quality: Quality;
  /** A late heavy dinner the evening before (lowers HRV, raises breathing rate). */
  heavyDinner: boolean;
  /** Sleep during the day after a night shift (a little less restorative). */
  daytime: boolean;
}

const NORMAL: Quality = { deep: 1, rem: 1, wake: 1 };
/** Naps and sleeps under 3 h get no stages (reference §5.5: classic, infoCode 2). */
const MIN_STAGES_MIN = 180;

interface Draft {
  /** Wall-clock start and end (localMs); converted to instants once, here. */
  startLocal: number;
  endLocal: number;
  type?: "stages" | "classic";
  logType?: "auto_detected" | "manual";
  infoCode?: 0 | 1;
  quality?: Quality;
  heavyDinner?: boolean;
  daytime?: boolean;
  /** Split by a > 1 h wake into two logs (reference §5.3 "Splitting"). */
  split?: boolean;
}

/** Local clock time on `day` (minutes may be negative or exceed a day), aligned to 30 s. */
function at(day: number, minutes: number): number {
  return day * MS_PER_DAY + Math.round((minutes * 60) / 30) * 30_000;
}

function jitter(rng: Rng, sd: number, limit: number): number {
  return clamp(rng.normal(0, sd), -limit, limit);
}

export function planEpisodes(person: DemoPerson, day: number, upgrade: number): Episode[] {
  const rng = rngFor(person.seed, "sleep-plan", day);
  const drafts = draftsFor(person, day, upgrade, rng);
  const episodes: Episode[] = [];
  for (const d of drafts) {
    const parts = d.split ? splitDraft(d, rng) : [d];
    for (const p of parts) episodes.push(toEpisode(person, p));
  }
  return episodes;
}

function draftsFor(person: DemoPerson, day: number, upgrade: number, rng: Rng): Draft[] {
  switch (person.archetype) {
    case "steady":
      return steady(day, rng);
    case "dst_traveller":
      return dstTraveller(person, day, rng);
    case "sparse":
      return sparse(day, upgrade, rng);
    case "shift_worker":
      return shiftWorker(person, day, rng);
  }
}

function steady(day: number, rng: Rng): Draft[] {
  if (!rng.chance(0.98)) return [];
  const weekend = weekday(day) === 0 || weekday(day) === 6;
  const bed = at(day - 1, 23 * 60 + (weekend ? 25 : 0) + jitter(rng, 10, 20));
  const wake = at(day, 7 * 60 + (weekend ? 45 : 0) + jitter(rng, 8, 20));
  const manual = rng.chance(0.015);
  const drafts: Draft[] = [
    manual
      ? // Logged by hand in the app: whole minutes, classic (reference §5.5).
        { startLocal: roundMin(bed), endLocal: roundMin(wake), type: "classic", logType: "manual" }
      : { startLocal: bed, endLocal: wake },
  ];
  if (weekend && rng.chance(0.08)) drafts.push(nap(day, 14 * 60 + 30, 60, 30, 70, rng));
  return drafts;
}

function dstTraveller(person: DemoPerson, day: number, rng: Rng): Draft[] {
  const heavy = lateHeavyDinner(person, day - 1);
  const bed = at(day - 1, 23 * 60 + 10 + (heavy ? 25 : 0) + jitter(rng, 12, 20));
  const wake = at(day, 7 * 60 + jitter(rng, 10, 15));
  const tz = person.timezone;
  const crossesDst = offsetAt(tz, localToUtc(tz, bed)) !== offsetAt(tz, localToUtc(tz, wake));
  // DST nights are always tracked: they are the point of this person.
  if (!crossesDst && !rng.chance(0.95)) return [];
  const manual = !crossesDst && rng.chance(0.01);
  if (manual) {
    return [
      { startLocal: roundMin(bed), endLocal: roundMin(wake), type: "classic", logType: "manual" },
    ];
  }
  return [
    {
      startLocal: bed,
      endLocal: wake,
      heavyDinner: heavy,
      quality: heavy ? { deep: 0.7, rem: 0.85, wake: 2 } : NORMAL,
    },
  ];
}

function sparse(day: number, upgrade: number, rng: Rng): Draft[] {
  if (rng.chance(0.35)) return []; // tracker left on the charger
  const bed = at(day, 15 + jitter(rng, 40, 100));
  const wake = at(day, 7 * 60 + 30 + jitter(rng, 35, 70));
  const oldDevice = day < upgrade;
  const draft: Draft = {
    startLocal: bed,
    endLocal: wake,
    quality: { deep: 0.95, rem: 1, wake: 1.3 },
  };
  if (oldDevice) {
    draft.type = "classic"; // no heart-rate sensor: classic only (infoCode 0, see sleep.ts)
  } else if (rng.chance(0.1)) {
    draft.type = "classic"; // worn loosely: not enough heart-rate data for stages
    draft.infoCode = 1;
  }
  const drafts = [draft];
  if (rng.chance(0.03)) drafts.push(nap(day, 15 * 60, 40, 25, 60, rng));
  return drafts;
}

function shiftWorker(person: DemoPerson, day: number, rng: Rng): Draft[] {
  const today = shiftKind(person, day);
  const yesterday = shiftKind(person, day - 1);
  const drafts: Draft[] = [];
  const split = rng.chance(0.1);
  if (yesterday === "night") {
    // Home at 07:30 after the night shift: sleep in the day, shorter before a day off.
    const start = at(day, 8 * 60 + 15 + jitter(rng, 10, 25));
    const len = today === "night" ? 390 + jitter(rng, 25, 45) : 250 + jitter(rng, 20, 40);
    drafts.push({
      startLocal: start,
      endLocal: start + Math.round(len) * MS_PER_MIN,
      daytime: true,
      quality: { deep: 0.9, rem: 0.85, wake: 1.4 },
      split,
    });
  } else if (rng.chance(0.97)) {
    const early = today === "day"; // day shift starts at 07:00
    const bed = at(day - 1, (early ? 22 * 60 : 23 * 60 + 15) + jitter(rng, 15, 30));
    const wake = at(day, (early ? 5 * 60 + 30 : 7 * 60 + 30) + jitter(rng, early ? 8 : 25, 40));
    drafts.push({ startLocal: bed, endLocal: wake, split, quality: NORMAL });
  }
  if (today === "night" && yesterday !== "night") {
    drafts.push(nap(day, 14 * 60, 100, 80, 120, rng)); // before the first night shift
  } else if (today === "night" && rng.chance(0.5)) {
    drafts.push(nap(day, 17 * 60, 40, 25, 55, rng)); // before going back in
  } else if (today === "off" && yesterday !== "night" && rng.chance(0.25)) {
    drafts.push(nap(day, 15 * 60, 35, 20, 50, rng));
  } else if (today === "day" && rng.chance(0.15)) {
    drafts.push(nap(day, 17 * 60 + 30, 30, 20, 40, rng));
  }
  return drafts;
}

function nap(
  day: number,
  startMin: number,
  meanLen: number,
  minLen: number,
  maxLen: number,
  rng: Rng,
): Draft {
  const start = at(day, startMin + jitter(rng, 15, 30));
  const len = Math.round(clamp(rng.normal(meanLen, (maxLen - minLen) / 4), minLen, maxLen));
  return { startLocal: start, endLocal: start + len * MS_PER_MIN };
}

function roundMin(localMs: number): number {
  return Math.round(localMs / MS_PER_MIN) * MS_PER_MIN;
}

/**
 * A main sleep broken by a 65–100 min wake. The first part is the longer one and keeps stages
 * (≥ 3 h), so it stays the main sleep even while the second part has not ended yet; the second
 * part is usually a short classic log. Too short a sleep is not split.
 */
function splitDraft(d: Draft, rng: Rng): Draft[] {
  const total = (d.endLocal - d.startLocal) / MS_PER_MIN;
  const gap = rng.int(65, 100);
  const first = Math.max(MIN_STAGES_MIN + 10, Math.round((total - gap) * rng.uniform(0.58, 0.68)));
  const second = total - gap - first;
  if (second < 40 || second >= first) return [{ ...d, split: false }];
  const aEnd = d.startLocal + first * MS_PER_MIN;
  return [
    { ...d, split: false, endLocal: aEnd },
    { ...d, split: false, startLocal: aEnd + gap * MS_PER_MIN },
  ];
}

function toEpisode(person: DemoPerson, d: Draft): Episode {
  const startUtc = localToUtc(person.timezone, d.startLocal);
  const rawEnd = localToUtc(person.timezone, d.endLocal);
  // Real elapsed time, whole minutes: on a spring-forward night 23:00→07:00 lasts 7 h, on a
  // fall-back night 9 h (see the DST note in sleep.ts).
  const endUtc = startUtc + Math.round((rawEnd - startUtc) / MS_PER_MIN) * MS_PER_MIN;
  const minutes = (endUtc - startUtc) / MS_PER_MIN;
  const short = minutes < MIN_STAGES_MIN;
  return {
    startUtc,
    endUtc,
    type: short ? "classic" : (d.type ?? "stages"),
    logType: d.logType ?? "auto_detected",
    infoCode: short ? 2 : (d.infoCode ?? 0),
    quality: d.quality ?? NORMAL,
    heavyDinner: d.heavyDinner ?? false,
    daytime: d.daytime ?? false,
  };
}
