/**
 * Fitbit's rate limit (reference §3): N requests per user per client per clock hour, the window
 * resetting at the top of the hour. Time comes from the emulator clock.
 */
import { type Clock, hourStart, secondsToNextHour } from "../clock";

export interface RateStatus {
  limit: number;
  remaining: number;
  /** Seconds to the top of the hour (also the 429's Retry-After). */
  resetSeconds: number;
  exceeded: boolean;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    public perHour: number,
  ) {}

  /** Counts one request for this user+client and reports the quota after it. */
  hit(clientId: string, userId: string): RateStatus {
    const now = this.clock.now();
    const start = hourStart(now);
    const key = `${clientId}:${userId}`;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return {
      limit: this.perHour,
      remaining: Math.max(0, this.perHour - window.count),
      resetSeconds: secondsToNextHour(now),
      exceeded: window.count > this.perHour,
    };
  }

  /** Quota headers for requests that could not be attributed to a user (auth failed). */
  anonymous(): RateStatus {
    return {
      limit: this.perHour,
      remaining: this.perHour,
      resetSeconds: secondsToNextHour(this.clock.now()),
      exceeded: false,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

export function rateHeaders(status: RateStatus): Record<string, string> {
  return {
    "fitbit-rate-limit-limit": String(status.limit),
    "fitbit-rate-limit-remaining": String(status.remaining),
    "fitbit-rate-limit-reset": String(status.resetSeconds),
  };
}
