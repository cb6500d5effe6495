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
  const jumps = clockJumps(placed);
  const wallAt = (x: number) => {
    const index = placed.findLastIndex((item) => item.x <= x);
    const segment = placed[index];
    if (!segment) return start + x;
    const jump = jumps.get(index);
    return segment.wall + (x - segment.x) - (jump && x >= jump.atX ? jump.shift : 0);
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


/**
 * Where the local clock jumps inside a segment (a DST change): the next segment does not start
 * at this one's start + length on the clock. Fitbit sends no offsets, so the moment is inferred
 * by convention: the last whole hour the clock reaches in the segment (02:00 in the US, when
 * clocks go back to 01:00 or forward to 03:00). `shift` is subtracted from the clock after it.
 */
function clockJumps(placed: Placed[]): Map<number, { atX: number; shift: number }> {
  const jumps = new Map<number, { atX: number; shift: number }>();
  placed.forEach((segment, index) => {
    const next = placed[index + 1];
    if (!next) return;
    const clockEnd = segment.wall + segment.seconds * 1000;
    const shift = clockEnd - next.wall;
    if (shift === 0) return;
    const lastHour = Math.floor(clockEnd / HOUR) * HOUR;
    const jumpWall = lastHour > segment.wall ? lastHour : clockEnd;
    jumps.set(index, { atX: segment.x + (jumpWall - segment.wall), shift });
  });
  return jumps;
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
