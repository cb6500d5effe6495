import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { providerById } from "@/lib/providers/registry";
import { syncedProviderOf } from "./connection-choice";
import { SyncPause, SyncRequester, type RateBudget } from "./requester";
import { storedSleepSessions } from "./stored-sleep";
import { writeBatch } from "./writers";

/**
 * HRV 5-minute readings of one older night, fetched when someone opens it (the background sync
 * keeps only the last 7 nights, to save the hourly budget). One request, from the part of the
 * hourly quota the background sync keeps free for exactly this kind of request.
 */
export async function fetchHrvIntradayNight(
  userId: string,
  day: string,
): Promise<{ stored: boolean }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new AppError(400, "bad_request", "Invalid date.");
  const providerId = await syncedProviderOf(userId);
  if (!providerId) throw new AppError(409, "connection_revoked", "No data source is connected.");
  const provider = providerById(providerId);
  const [user, state] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { timezone: true, utcOffsetMs: true } }),
    db.syncState.findUnique({ where: { userId_provider: { userId, provider: provider.id } } }),
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
  // The person is waiting for this night: it may use the quota the background sync leaves free.
  const requester = new SyncRequester({ userId, provider, budget, retries: 1, reserve: 1 });
  const ctx = {
    userId,
    zone: { timezone: user?.timezone ?? null, utcOffsetMs: user?.utcOffsetMs ?? null },
    http: requester,
    unavailable: {},
    sleepSessions: storedSleepSessions(userId, provider.id),
  };
  try {
    const range = { start: day, end: day };
    const chunk = await provider.fetchStep(ctx, {
      metric: "hrvIntraday",
      label: `hrvIntraday ${day}`,
      range,
      direction: "forward",
    });
    await db.$transaction(async (tx) => {
      for (const batch of chunk.batches) await writeBatch(tx, userId, provider.id, batch);
    });
    return { stored: chunk.hadData };
  } catch (error) {
    if (error instanceof SyncPause) {
      throw new AppError(
        429,
        "rate_limited",
        `${provider.copy.name}'s ${provider.copy.quotaWindow} request limit is used up; try again after the sync resumes.`,
      );
    }
    throw error;
  } finally {
    if (requester.budget) {
      const b = requester.budget;
      await db.syncState.updateMany({
        where: { userId, provider: provider.id },
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

/**
 * Makes sure an opened night has its 5-minute HRV when Fitbit has it: fetched once, on demand,
 * for nights that have an HRV summary but no stored readings. Only a spent hourly quota is an
 * error worth showing; anything else (disconnected, no intraday access) leaves what is stored.
 */
export async function ensureHrvIntradayNight(userId: string, day: string): Promise<void> {
  const date = new Date(`${day}T00:00:00.000Z`);
  const [readings, summary] = await Promise.all([
    db.hrvIntraday.findFirst({ where: { userId, date }, select: { date: true } }),
    db.hrvDaily.findFirst({ where: { userId, date }, select: { date: true } }),
  ]);
  if (readings || !summary) return;
  try {
    await fetchHrvIntradayNight(userId, day);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") throw error;
    log.info("5-minute HRV not fetched on demand", { userId, day, reason: error instanceof Error ? error.message : String(error) });
  }
}
