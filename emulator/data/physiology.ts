/**
 * Heart-rate variability (§6) and breathing rate (§7) of a main sleep.
 *
 * Both exist only for a main sleep of at least 3 h that produced a stages log (§6), dated by its
 * wake date. Each person has a baseline that drifts slowly (two incommensurate sinusoids, so the
 * value is a pure function of the date), plus nightly noise. Bad nights (short sleep, a late
 * heavy dinner, daytime sleep after a night shift) lower HRV; a heavy dinner also raises the
 * breathing rate. HRV is built bottom-up from 5-minute windows so that dailyRmssd is the mean of
 * the intraday readings and deepRmssd the mean of the windows spent in deep sleep.
 */
import type { DemoPerson } from "../types";
import { traitsOf } from "./lifestyle";
import { clamp, hashParts, rngFor, round } from "./prng";
import type {
  BrIntraday,
  BrSummary,
  HrvIntraday,
  HrvMinute,
  HrvSummary,
  StageLevel,
} from "./shapes";
import type { GeneratedLog } from "./sleep";
import { formatDay, formatLocal, utcToLocal } from "./time";

export interface Physiology {
  hrv: HrvSummary | null;
  hrvIntraday: HrvIntraday | null;
  br: BrSummary | null;
  brIntraday: BrIntraday | null;
  /** The instant of each `hrvIntraday.minutes` entry (same order), for the Google view. */
  hrvInstants: number[];
}

export const NO_PHYSIOLOGY: Physiology = {
  hrv: null,
  hrvIntraday: null,
  br: null,
  brIntraday: null,
  hrvInstants: [],
};

const WINDOW_MS = 5 * 60_000;
const MIN_MINUTES = 180;

/** Slow, seasonal-looking drift in [-1, 1]: a pure function of the day. */
function drift(person: DemoPerson, day: number, purpose: string): number {
  const p1 = (hashParts(person.seed, purpose, 1) % 1000) / 1000;
  const p2 = (hashParts(person.seed, purpose, 2) % 1000) / 1000;
  return (
    0.6 * Math.sin(2 * Math.PI * (day / 97 + p1)) + 0.4 * Math.sin(2 * Math.PI * (day / 263 + p2))
  );
}

export function physiologyFor(
  person: DemoPerson,
  day: number,
  main: GeneratedLog | undefined,
): Physiology {
  if (!main || main.log.type !== "stages" || main.log.duration < MIN_MINUTES * 60_000) {
    return NO_PHYSIOLOGY;
  }
  const rng = rngFor(person.seed, "physiology", day);
  const dateTime = formatDay(day);
  // A few qualifying nights still have no value (poor signal); the app must cope with gaps.
  const hrvMissing = rng.chance(0.03);
  const brMissing = rng.chance(0.03);
  const out: Physiology = { ...NO_PHYSIOLOGY };
  if (!hrvMissing) {
    const minutes = hrvWindows(person, day, main);
    if (minutes.length > 0) {
      const all = minutes.map((m) => m.value.rmssd);
      const deep = minutes.filter((m) => m.stage === "deep").map((m) => m.value.rmssd);
      const daily = round(mean(all), 3);
      out.hrv = {
        value: { dailyRmssd: daily, deepRmssd: deep.length > 0 ? round(mean(deep), 3) : daily },
        dateTime,
      };
      out.hrvIntraday = {
        minutes: minutes.map(({ minute, value }) => ({ minute, value })),
        dateTime,
      };
      out.hrvInstants = minutes.map((m) => m.utc);
    }
  }
  if (!brMissing) {
    const intraday = breathing(person, day, main);
    out.brIntraday = intraday;
    out.br = { value: { breathingRate: intraday.value.fullSleepSummary.breathingRate }, dateTime };
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Tonight's RMSSD level before per-window variation. */
function nightlyHrv(person: DemoPerson, day: number, main: GeneratedLog): number {
  const rng = rngFor(person.seed, "hrv-level", day);
  let level = traitsOf(person).hrvBase * (1 + 0.09 * drift(person, day, "hrv"));
  if (main.episode.heavyDinner) level *= rng.uniform(0.7, 0.82);
  if (main.episode.daytime) level *= rng.uniform(0.85, 0.95);
  if (main.log.minutesAsleep < 360) level *= rng.uniform(0.84, 0.94);
  return level * Math.exp(rng.normal(0, 0.09));
}

const STAGE_HRV: Record<StageLevel, number> = { deep: 1.18, light: 1, rem: 0.88, wake: 0.8 };
const LF_HF: Record<StageLevel, [number, number]> = {
  deep: [0.8, 2],
  light: [1.5, 3.5],
  rem: [2.5, 5],
  wake: [3, 6],
};

/** One reading per 5-minute (local clock) window lying inside the sleep; windows spent mostly
 * in a wake segment or with too little signal have none. */
function hrvWindows(person: DemoPerson, day: number, main: GeneratedLog) {
  const rng = rngFor(person.seed, "hrv-intraday", day);
  const level = nightlyHrv(person, day, main);
  const { startUtc, endUtc } = main.episode;
  const out: (HrvMinute & { stage: StageLevel; utc: number })[] = [];
  let segIndex = 0;
  for (
    let w = Math.ceil(startUtc / WINDOW_MS) * WINDOW_MS;
    w + WINDOW_MS <= endUtc;
    w += WINDOW_MS
  ) {
    while (segIndex < main.segments.length - 1) {
      const s = main.segments[segIndex];
      if (s && s.startUtc + s.seconds * 1000 <= w + WINDOW_MS / 2) segIndex++;
      else break;
    }
    const stage = main.segments[segIndex]?.level ?? "light";
    if (stage === "wake" || rng.chance(0.04)) continue;
    const progress = (w - startUtc) / (endUtc - startUtc);
    const rmssd =
      level * STAGE_HRV[stage] * (0.94 + 0.12 * progress) * Math.exp(rng.normal(0, 0.12));
    const hf = rmssd * rmssd * rng.uniform(0.15, 0.3);
    const [lo, hi] = LF_HF[stage];
    out.push({
      minute: formatLocal(utcToLocal(person.timezone, w)),
      value: {
        rmssd: round(rmssd, 3),
        coverage: round(clamp(rng.normal(0.95, 0.035), 0.6, 1), 3),
        hf: round(hf, 3),
        lf: round(hf * rng.uniform(lo, hi), 3),
      },
      stage,
      utc: w,
    });
  }
  return out;
}

/** Per-stage breathing rates; -1 where a stage has no value (under 10 min of it, or a stage the
 * sensor could not resolve), as Fitbit reports (§7). */
function breathing(person: DemoPerson, day: number, main: GeneratedLog): BrIntraday {
  const rng = rngFor(person.seed, "br", day);
  const summary = main.log.type === "stages" ? main.log.levels.summary : undefined;
  const minutesOf = (l: StageLevel) => summary?.[l].minutes ?? 0;
  let base = traitsOf(person).brBase + 0.35 * drift(person, day, "br") + rng.normal(0, 0.35);
  if (main.episode.heavyDinner) base += rng.uniform(0.6, 1.2);
  if (main.episode.daytime) base += 0.3;
  const rates: Record<"deep" | "light" | "rem", number> = {
    deep: base - rng.uniform(0.4, 1),
    light: base - 0.1 + rng.normal(0, 0.15),
    rem: base + rng.uniform(0.3, 1.2),
  };
  const missing = { deep: rng.chance(0.02), light: false, rem: rng.chance(0.05) };
  let weighted = 0;
  let weight = 0;
  const value = (l: "deep" | "light" | "rem") => {
    if (missing[l] || minutesOf(l) < 10) return -1;
    weighted += rates[l] * minutesOf(l);
    weight += minutesOf(l);
    return round(rates[l], 1);
  };
  const deep = value("deep");
  const light = value("light");
  const rem = value("rem");
  const full = round((weight > 0 ? weighted / weight : base) + rng.normal(0, 0.1), 1);
  return {
    value: {
      deepSleepSummary: { breathingRate: deep },
      remSleepSummary: { breathingRate: rem },
      fullSleepSummary: { breathingRate: full },
      lightSleepSummary: { breathingRate: light },
    },
    dateTime: formatDay(day),
  };
}
