/**
 * The shape of a night: sequences of sleep levels with realistic architecture.
 *
 * Stages (30-s units): ~90-minute cycles of light → deep → light → REM; deep sleep is
 * concentrated in the first two cycles and REM lengthens towards morning; deep and REM blocks are
 * broken by brief light bouts, as a real hypnogram is. Wakes longer than 3 minutes are `wake`
 * segments; brief wakes (≤ 3 min) are returned separately as `shortData` overlays (§5.3).
 * Classic (60-s units): mostly `asleep`, with `restless` bouts and a few `awake` ones.
 */
import type { ClassicLevel, StageLevel } from "./shapes";
import type { Quality } from "./sleep-plan";
import type { Rng } from "./prng";

export interface Seg<L extends string> {
  level: L;
  /** Length in units: 30 s for stages, 60 s for classic. */
  units: number;
}

/** A brief wake overlay: start offset and length in 30-s units from the log's start. */
export interface ShortWake {
  start: number;
  units: number;
}

/** Wake segments in `data` are longer than 3 min (7 × 30 s); shorter ones live in shortData. */
export const MIN_DATA_WAKE_UNITS = 7;

/** Mean deep and REM per cycle (30-s units), cycle 1 first; later cycles use the last value. */
const DEEP_MEANS = [76, 50, 22, 8, 4];
const REM_MEANS = [16, 34, 46, 56, 62];

class Builder<L extends string> {
  readonly segs: Seg<L>[] = [];
  total = 0;
  push(level: L, units: number): void {
    if (units <= 0) return;
    const last = this.segs[this.segs.length - 1];
    if (last && last.level === level) last.units += units;
    else this.segs.push({ level, units });
    this.total += units;
  }
  /** Cut to exactly `units` (drops or shortens the tail). */
  truncate(units: number): void {
    while (this.total > units) {
      const last = this.segs[this.segs.length - 1];
      if (!last) break;
      const excess = this.total - units;
      if (last.units <= excess) {
        this.segs.pop();
        this.total -= last.units;
      } else {
        last.units -= excess;
        this.total = units;
      }
    }
  }
}

/** Blocks of one level interrupted by brief light bouts (the many small segments Fitbit shows). */
function fragmented(
  b: Builder<StageLevel>,
  rng: Rng,
  level: StageLevel,
  units: number,
  chunk: [number, number],
) {
  let left = units;
  while (left > 0) {
    const n = Math.min(left, rng.int(chunk[0], chunk[1]));
    b.push(level, n);
    left -= n;
    if (left > 0 && rng.chance(0.55)) b.push("light", rng.int(1, 4));
  }
}

export function stagesTimeline(rng: Rng, totalUnits: number, q: Quality): Seg<StageLevel>[] {
  const b = new Builder<StageLevel>();
  const finalWake = rng.chance(0.55) ? rng.int(MIN_DATA_WAKE_UNITS, 20) : 0;
  const body = totalUnits - finalWake;
  // Lying awake before falling asleep (the docs example opens with a 630 s wake).
  if (rng.chance(0.7)) b.push("wake", rng.int(MIN_DATA_WAKE_UNITS, 22));
  for (let k = 0; b.total < body; k++) {
    const cycle = Math.max(150, Math.round(rng.normal(185, 16)));
    const deepMean = DEEP_MEANS[Math.min(k, DEEP_MEANS.length - 1)] ?? 4;
    const remMean = REM_MEANS[Math.min(k, REM_MEANS.length - 1)] ?? 60;
    const deep = Math.max(0, Math.round(rng.normal(deepMean, deepMean * 0.25) * q.deep));
    const rem = Math.max(0, Math.round(rng.normal(remMean, remMean * 0.25) * q.rem));
    const light = Math.max(30, cycle - deep - rem);
    const light1 = Math.round(light * rng.uniform(0.3, 0.5));
    b.push("light", light1);
    fragmented(b, rng, "deep", deep, [10, 40]);
    const light2 = light - light1;
    if (rng.chance(0.12 * q.wake * (k >= 2 ? 1.6 : 1))) {
      // A proper awakening, typically in the second half of the night.
      const half = Math.round(light2 / 2);
      b.push("light", half);
      b.push("wake", rng.int(MIN_DATA_WAKE_UNITS, 24));
      b.push("light", light2 - half);
    } else {
      b.push("light", light2);
    }
    fragmented(b, rng, "rem", rem, [12, 50]);
    if (rng.chance(0.08 * q.wake)) b.push("wake", rng.int(MIN_DATA_WAKE_UNITS, 16));
  }
  b.truncate(body);
  const last = b.segs[b.segs.length - 1];
  if (last && last.level === "wake" && last.units < MIN_DATA_WAKE_UNITS && finalWake === 0) {
    last.level = "light"; // a truncated wake too short to be a data wake
    mergeSame(b.segs);
  }
  b.push("wake", finalWake);
  return b.segs;
}

function mergeSame<L extends string>(segs: Seg<L>[]): void {
  for (let i = segs.length - 1; i > 0; i--) {
    const a = segs[i - 1];
    const c = segs[i];
    if (a && c && a.level === c.level) {
      a.units += c.units;
      segs.splice(i, 1);
    }
  }
}

/** Brief wakes placed strictly inside light/deep/REM segments, never touching each other. */
export function shortWakes(rng: Rng, segs: Seg<StageLevel>[], q: Quality): ShortWake[] {
  const total = segs.reduce((a, s) => a + s.units, 0);
  const count = Math.round((total / 120) * rng.uniform(1.5, 3.2) * q.wake);
  const hosts: { start: number; units: number; weight: number }[] = [];
  let pos = 0;
  for (const s of segs) {
    const w = s.level === "light" ? 1 : s.level === "rem" ? 0.7 : s.level === "deep" ? 0.25 : 0;
    if (w > 0 && s.units >= 4) hosts.push({ start: pos, units: s.units, weight: w * s.units });
    pos += s.units;
  }
  const out: ShortWake[] = [];
  if (hosts.length === 0) return out;
  const weights = hosts.map((h) => h.weight);
  for (let i = 0; i < count; i++) {
    const units = rng.weighted([1, 2, 3, 4, 5, 6], [40, 25, 14, 9, 7, 5]);
    for (let attempt = 0; attempt < 5; attempt++) {
      const h = rng.weighted(hosts, weights);
      if (h.units < units + 2) continue;
      const start = h.start + rng.int(1, h.units - units - 1);
      const clash = out.some((w) => start < w.start + w.units + 1 && w.start < start + units + 1);
      if (!clash) {
        out.push({ start, units });
        break;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function classicTimeline(rng: Rng, totalUnits: number, q: Quality): Seg<ClassicLevel>[] {
  const b = new Builder<ClassicLevel>();
  if (rng.chance(0.5)) b.push("restless", rng.int(1, 3));
  while (b.total < totalUnits) {
    b.push("asleep", Math.max(4, Math.round(rng.uniform(12, 45) / q.wake)));
    if (rng.chance(0.8)) b.push("restless", rng.int(1, 4));
    else b.push("awake", rng.int(1, 6));
  }
  b.truncate(totalUnits);
  return b.segs;
}
