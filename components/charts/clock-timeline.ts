/**
 * Places local-clock readings (Fitbit sends no offsets) on a monotonic timeline. Where the clock
 * goes back (the repeated hour of an autumn DST change) a reading is placed one `stepMs` after
 * the previous one instead of before it, so lines never loop back on themselves.
 */
export function clockTimeline(walls: number[], stepMs: number) {
  const xs: number[] = [];
  walls.forEach((wall, index) => {
    const previousWall = walls[index - 1];
    const previousX = xs[index - 1];
    if (previousWall === undefined || previousX === undefined) xs.push(0);
    else xs.push(previousX + (wall > previousWall ? wall - previousWall : stepMs));
  });
  /** The local clock at timeline position `x` (from the last reading at or before it). */
  const wallAt = (x: number) => {
    let index = 0;
    while (index + 1 < xs.length && xs[index + 1]! <= x) index++;
    return (walls[index] ?? 0) + (x - (xs[index] ?? 0));
  };
  return { xs, wallAt, ticks: hourTicks(walls[0] ?? 0, xs.at(-1) ?? 0) };
}

const HOUR = 3_600_000;

/** Positions of the whole hours on a timeline starting at clock `startWall` (every 2 h past 10 h), as the hypnogram's axis. */
export function hourTicks(startWall: number, total: number): number[] {
  const step = total > 10 * HOUR ? 2 * HOUR : HOUR;
  const ticks: number[] = [];
  for (let x = (HOUR - (startWall % HOUR)) % HOUR; x <= total; x += step) ticks.push(x);
  return ticks;
}
