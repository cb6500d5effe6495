/**
 * "Nice" axis ticks (0 / 100 / 200 / 300 g, 12 / 14 / 16 / 18 brpm): steps of 1, 2, 2.5 or 5 times
 * a power of ten, from a multiple of the step at or below the lowest value to one at or above the
 * highest. recharts' own ticks follow the data's extremes (0 / 850 / 1,700 kcal). Pure.
 */
const MULTIPLES = [1, 2, 2.5, 5, 10];

/** Hours read in quarter, half and whole hours (6h 45m, 7h, 7h 15m), never 7.3 h. */
export const HOUR_STEPS = [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24];

export function niceStep(rough: number, steps?: readonly number[]): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return steps?.[0] ?? 1;
  if (steps && steps.length > 0) return steps.find((step) => step >= rough - 1e-9) ?? steps.at(-1)!;
  const power = 10 ** Math.floor(Math.log10(rough));
  return MULTIPLES.map((multiple) => multiple * power).find((step) => step >= rough - 1e-9) ?? 10 * power;
}

interface NiceOptions {
  count?: number;
  fromZero?: boolean;
  /** Allowed steps, smallest first, instead of 1/2/2.5/5 × 10ⁿ (e.g. HOUR_STEPS). */
  steps?: readonly number[];
}

/** At most `count` + 1 ticks covering [min, max]; `fromZero` starts the axis at 0. */
export function niceTicks(values: readonly (number | null | undefined)[], options: NiceOptions = {}): number[] {
  const count = options.count ?? 4;
  const finite = values.filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  if (finite.length === 0) return options.fromZero ? [0, 1] : [];
  let min = options.fromZero ? Math.min(0, ...finite) : Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    // One value (or all equal): a step around it so it is drawn inside the axis, not on its edge.
    const pad = max === 0 ? 1 : Math.abs(max) / 10;
    min = options.fromZero ? Math.min(0, min) : min - pad;
    max = max + pad;
  }
  const step = niceStep((max - min) / count, options.steps);
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = first; tick < max + step - 1e-9; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return ticks;
}

/** The props of a recharts axis drawn on nice ticks. */
export function niceAxis(values: readonly (number | null | undefined)[], options?: NiceOptions) {
  const ticks = niceTicks(values, options);
  return ticks.length > 1 ? { ticks, domain: [ticks[0]!, ticks.at(-1)!] as [number, number] } : {};
}

/** An hour tick as people read it: "7h", "6h 45m". */
export function hourTick(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : h === 0 ? `${m}m` : `${h}h ${m}m`;
}
