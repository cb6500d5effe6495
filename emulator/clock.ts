/**
 * The emulator's clock: real time plus an adjustable offset.
 *
 * Every time-dependent rule (code expiry, token expiry, the refresh replay window, the rate-limit
 * hour) reads this clock, so tests can jump ten minutes or an hour ahead without waiting. Time
 * keeps flowing at real speed after a jump, as it would for a real server.
 */
export class Clock {
  private offsetMs: number;

  constructor(startTimeMs?: number) {
    this.offsetMs = startTimeMs === undefined ? 0 : startTimeMs - Date.now();
  }

  /** Current emulator time, epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (or backward, with a negative value). */
  advanceMs(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps the clock to an absolute instant. */
  setMs(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
  }
}

export const HOUR_MS = 3_600_000;

/** Start of the clock hour containing `ms` (the rate-limit window). */
export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** Whole seconds until the next top of the hour (1..3600), as Fitbit's reset header reports. */
export function secondsToNextHour(ms: number): number {
  return Math.max(1, Math.ceil((hourStart(ms) + HOUR_MS - ms) / 1000));
}
