/**
 * The Health API's per-user quota (reference §4.1): 300 requests per minute per user, counted
 * per clock minute of the emulator clock (UNCONFIRMED whether Google's window is fixed or
 * sliding; a fixed minute is the stricter reading for a client that bursts at a boundary).
 * One project, so the count is per person across all clients.
 */
import type { Clock } from "../clock";

const MINUTE_MS = 60_000;

export interface MinuteStatus {
  limit: number;
  remaining: number;
  /** Seconds until the window resets (1..60). */
  resetSeconds: number;
  exceeded: boolean;
}

export class MinuteRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    public perMinute: number,
  ) {}

  hit(userId: string): MinuteStatus {
    const now = this.clock.now();
    const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    let w = this.windows.get(userId);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(userId, w);
    }
    w.count++;
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - w.count),
      resetSeconds: Math.max(1, Math.ceil((start + MINUTE_MS - now) / 1000)),
      exceeded: w.count > this.perMinute,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
