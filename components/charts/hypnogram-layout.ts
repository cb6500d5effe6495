/** Pure layout of a hypnogram's time axis (unit tested without a browser). */
import type { SleepLogDetail, SleepSegment } from "@/lib/api-schemas/sleep";
import { localTimeToMs } from "@/lib/dates";

const HOUR = 3_600_000;

export interface Placed extends SleepSegment {
  /** Elapsed milliseconds since the log started (monotonic, even across a DST change). */
  x: number;
  /** Wall-clock milliseconds of the segment start as Fitbit sent it. */
  wall: number;
}

/**
 * Positions segments by elapsed time (sums of `seconds`), so a night across a DST change neither
 * overlaps nor stretches; labels still show the local wall clock Fitbit reported.
 */
export function placeSegments(log: Pick<SleepLogDetail, "segments" | "startLocal" | "endLocal">) {
  let elapsed = 0;
  const placed: Placed[] = log.segments.map((segment) => {
    const item = { ...segment, x: elapsed, wall: localTimeToMs(segment.start) };
    elapsed += segment.seconds * 1000;
    return item;
  });
  const start = localTimeToMs(log.startLocal);
  const total = elapsed > 0 ? elapsed : Math.max(localTimeToMs(log.endLocal) - start, 60_000);
  const wallAt = (x: number) => {
    const segment = placed.findLast((item) => item.x <= x);
    return segment ? segment.wall + (x - segment.x) : start + x;
  };
  /**
   * Elapsed position of a wall-clock time. Short wakes come in time order, so the search goes on
   * from the last match (`from`): in a repeated DST hour a later wake lands in the later segment.
   */
  const xOfWall = (wall: number, from = 0) => {
    const index = placed.findIndex((item, i) => i >= from && wall >= item.wall && wall < item.wall + item.seconds * 1000);
    const segment = placed[index];
    return segment ? { x: segment.x + (wall - segment.wall), index } : null;
  };
  const step = total > 10 * HOUR ? 2 * HOUR : HOUR;
  const first = (HOUR - (wallAt(0) % HOUR)) % HOUR;
  const ticks: number[] = [];
  for (let x = first; x <= total; x += step) ticks.push(x);
  return { placed, total, wallAt, xOfWall, ticks };
}


/** Short wakes (in the order sent) with their elapsed positions; ones outside every segment are dropped. */
export function placeShortWakes(
  xOfWall: (wall: number, from?: number) => { x: number; index: number } | null,
  wakes: SleepSegment[],
): { wake: SleepSegment; at: number }[] {
  const out: { wake: SleepSegment; at: number }[] = [];
  let cursor = 0;
  for (const wake of wakes) {
    const found = xOfWall(localTimeToMs(wake.start), cursor);
    if (!found) continue;
    cursor = found.index;
    out.push({ wake, at: found.x });
  }
  return out;
}
