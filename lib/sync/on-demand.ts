import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { fetchRangeChunk } from "./metrics";
import { SyncPause, SyncRequester, type RateBudget } from "./requester";

/**
 * HRV 5-minute readings of one older night, fetched when someone opens it (the background sync
 * keeps only the last 7 nights, to save the hourly budget). One request; respects the same
 * rate budget as the sync and never spends its safety margin.
 */
export async function fetchHrvIntradayNight(
  userId: string,
  day: string,
): Promise<{ stored: boolean }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new AppError(400, "bad_request", "Invalid date.");
  const [user, state] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { timezone: true, utcOffsetMs: true } }),
    db.syncState.findUnique({ where: { userId } }),
  ]);
  const budget: RateBudget | null =
    state?.rateLimitRemaining != null &&
    state.rateLimitResetAt &&
    state.rateLimitResetAt > new Date()
      ? {
          limit: state.rateLimitLimit ?? 0,
          remaining: state.rateLimitRemaining,
          resetAt: state.rateLimitResetAt,
        }
      : null;
  const requester = new SyncRequester({ userId, budget, retries: 1 });
  const ctx = {
    userId,
    zone: { timezone: user?.timezone ?? null, utcOffsetMs: user?.utcOffsetMs ?? null },
    requester,
    unavailable: {},
  };
  try {
    const chunk = await fetchRangeChunk(ctx, "hrvIntraday", { start: day, end: day });
    await db.$transaction(async (tx) => chunk.write(tx));
    return { stored: chunk.hadData };
  } catch (error) {
    if (error instanceof SyncPause) {
      throw new AppError(
        429,
        "rate_limited",
        "Fitbit's hourly request limit is used up; try again after the sync resumes.",
      );
    }
    throw error;
  } finally {
    if (requester.budget) {
      const b = requester.budget;
      await db.syncState.updateMany({
        where: { userId },
        data: {
          rateLimitLimit: b.limit,
          rateLimitRemaining: b.remaining,
          rateLimitResetAt: b.resetAt,
          requestsUsed: { increment: requester.requests },
        },
      });
    }
  }
}
