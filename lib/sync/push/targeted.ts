import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import type { PersonZone } from "@/lib/providers/local-time";
import { ProviderApiError, type FetchContext, type HealthProvider, type SyncStep } from "@/lib/providers/types";
import { tryLockUser } from "../lock";
import { SyncAborted, SyncPause, SyncRequester, type RateBudget } from "../requester";
import { storedSleepSessions } from "../stored-sleep";
import { writeBatch } from "../writers";

/**
 * A targeted sync: only the steps a push notification names (one night, a few days), fetched
 * through the provider boundary and committed like the scheduled sync's chunks — each step
 * replaces what was stored for its dates, in one transaction — but without moving any cursor.
 * It takes the person's advisory lock (lock.ts), so it never runs beside a full run; a person
 * busy with one is tried again shortly. Re-reading the provider makes it idempotent and
 * indifferent to order: whatever arrives last, the stored rows are what the provider has now.
 */
export type TargetedOutcome =
  | { kind: "synced"; requests: number; skippedMetrics: string[] }
  | { kind: "busy" }
  | { kind: "paused"; resumeAt: Date; requests: number }
  | { kind: "stopped"; reason: "not_connected" | "access_refused"; requests: number };

export async function runTargetedSync(
  userId: string,
  provider: HealthProvider,
  steps: readonly SyncStep[],
  options: { signal?: AbortSignal; retryBaseMs?: number } = {},
): Promise<TargetedOutcome> {
  const lock = await tryLockUser(userId);
  if (!lock) return { kind: "busy" };
  const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
  let requester: SyncRequester | null = null;
  try {
    const [user, connection, state] = await Promise.all([
      db.user.findUnique({ where: { id: userId }, select: { timezone: true, utcOffsetMs: true } }),
      db.providerConnection.findUnique({ where: { userId_provider: { userId, provider: provider.id } } }),
      db.syncState.findUnique({ where: { userId_provider: { userId, provider: provider.id } } }),
    ]);
    if (!user || connection?.status !== "ACTIVE") return { kind: "stopped", reason: "not_connected", requests: 0 };
    const budget: RateBudget | null =
      state?.rateLimitRemaining != null && state.rateLimitResetAt && state.rateLimitResetAt > new Date()
        ? { limit: state.rateLimitLimit ?? 0, remaining: state.rateLimitRemaining, resetAt: state.rateLimitResetAt }
        : null;
    requester = new SyncRequester({ userId, provider, budget, signal, retries: 2, retryBaseMs: options.retryBaseMs });
    const zone: PersonZone = { timezone: user.timezone, utcOffsetMs: user.utcOffsetMs };
    const ctx: FetchContext = { userId, zone, http: requester, unavailable: {}, sleepSessions: storedSleepSessions(userId, provider.id) };
    const skippedMetrics: string[] = [];
    for (const step of steps) {
      if (!connection.grantedScopes.includes(provider.metricScopes[step.metric])) {
        skippedMetrics.push(step.metric);
        continue;
      }
      try {
        const chunk = await provider.fetchStep(ctx, step);
        requester.checkAborted();
        await db.$transaction(async (tx) => {
          for (const batch of chunk.batches) await writeBatch(tx, userId, provider.id, batch);
        });
      } catch (error) {
        if (error instanceof ProviderApiError && error.failure.kind === "insufficient_scope") {
          skippedMetrics.push(step.metric);
          continue;
        }
        throw error;
      }
    }
    await saveCounters(userId, provider.id, requester, { lastPushSyncAt: new Date() });
    return { kind: "synced", requests: requester.requests, skippedMetrics };
  } catch (error) {
    const requests = requester?.requests ?? 0;
    if (requester) await saveCounters(userId, provider.id, requester).catch(() => {});
    if (error instanceof SyncPause) return { kind: "paused", resumeAt: error.resumeAt, requests };
    if (error instanceof SyncAborted) return { kind: "busy" };
    // Refused even after a refresh, or the refresh token itself refused (the token manager then
    // marks the connection): the person took their permission back. Data stays until they
    // reconnect or delete it, as for any connection that needs consent again.
    if (error instanceof ProviderApiError && (error.failure.kind === "unauthorized" || error.failure.kind === "gone"))
      return { kind: "stopped", reason: "access_refused", requests };
    if (error instanceof AppError)
      return error.status === 503
        ? { kind: "paused", resumeAt: new Date(Date.now() + 60_000), requests }
        : { kind: "stopped", reason: "access_refused", requests };
    throw error;
  } finally {
    await lock.release();
  }
}

/** The requests spent and the quota left, where the scheduled sync reads them. */
async function saveCounters(userId: string, provider: string, requester: SyncRequester, extra: { lastPushSyncAt?: Date } = {}) {
  const budget = requester.budget;
  await db.syncState.upsert({
    where: { userId_provider: { userId, provider } },
    create: { userId, provider, requestsUsed: requester.requests, ...extra },
    update: {
      requestsUsed: { increment: requester.requests },
      ...(budget ? { rateLimitLimit: budget.limit, rateLimitRemaining: budget.remaining, rateLimitResetAt: budget.resetAt } : {}),
      ...extra,
    },
  });
  log.debug("targeted sync counters saved", { userId, requests: requester.requests });
}
