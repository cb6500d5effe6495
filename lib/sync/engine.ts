import "server-only";
import type { SyncStatus } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { isForeignKeyViolation } from "@/lib/db/foreign-key";
import { retireBySwitch } from "@/lib/deployment/retire-by-switch";
import { AppError } from "@/lib/errors/app-error";
import type { PersonZone } from "@/lib/providers/local-time";
import { providerById } from "@/lib/providers/registry";
import { ProviderApiError, type HealthProvider } from "@/lib/providers/types";
import { syncedProviderOf } from "./connection-choice";
import { tryLockUser } from "./lock";
import { messagesFor, NOT_CONNECTED } from "./messages";
import * as plan from "./plan";
import { SyncAborted, SyncPause, SyncRequester, type RateBudget } from "./requester";
import { setState, SyncRun, type RunOptions } from "./run";
import { progressOf, skippedOf, unavailableOf } from "./state";

/**
 * One sync run for one person: devices, then every metric up to today (newest first; this is
 * the "recent" data the first charts need), then the recent food logs, then older history
 * round-robin across metrics in each endpoint's largest range, then older food logs.
 * Each chunk commits its rows and the new progress in one transaction, so a run killed at any
 * point resumes from the last committed chunk with no gap and no duplicate.
 *
 * Exclusivity: the whole run holds the person's advisory lock (lock.ts); a second run of the
 * same person, from any process, gets "busy" and does nothing.
 * A run syncs one provider connection of the person (options.provider, else the connection
 * that comes first by precedence); state, progress and errors are per (person, provider).
 */
export type { RunOptions };

export type SyncOutcome =
  | { kind: "completed"; requests: number; errors: string[] }
  | { kind: "paused"; reason: "rate_limit" | "backoff"; resumeAt: Date; requests: number }
  | { kind: "stopped"; reason: string }
  | { kind: "aborted"; requests: number }
  | { kind: "busy" };

export async function runSync(userId: string, options: RunOptions = {}): Promise<SyncOutcome> {
  const lock = await tryLockUser(userId);
  if (!lock) return { kind: "busy" };
  try {
    // Losing the lock's connection stops the run like a shutdown does (and its commits, which
    // compare-and-set the run id, could not write anyway).
    const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    return await runLocked(userId, { ...options, signal }, lock.runId);
  } catch (error) {
    // Another run took the person over (or the lock's connection went): nothing more to write.
    if (error instanceof SyncAborted) return { kind: "aborted", requests: 0 };
    // The person was deleted between the checks and a write ("Delete my data" or an admin): their
    // rows went with them and the write's foreign key refused; nothing to sync, nothing to retry.
    if (isForeignKeyViolation(error) && !(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
      return { kind: "stopped", reason: NOT_CONNECTED };
    }
    throw error;
  } finally {
    await lock.release();
  }
}

async function runLocked(userId: string, options: RunOptions, runId: string): Promise<SyncOutcome> {
  const providerId = options.provider ?? (await syncedProviderOf(userId));
  if (!providerId) return { kind: "stopped", reason: NOT_CONNECTED };
  const provider = providerById(providerId);
  const messages = messagesFor(provider.copy);
  const [user, found] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: { timezone: true, utcOffsetMs: true, memberSince: true },
    }),
    db.providerConnection.findUnique({
      where: { userId_provider: { userId, provider: provider.id } },
    }),
  ]);
  // An admin marked the legacy API retired for the deployment: no request goes to it; the
  // connection is retired as a 410 would retire it (issue 9 §1).
  const connection = found ? await retireBySwitch(found) : found;
  // A person deleted while their job waited in the queue: nothing to sync, nothing to retry.
  if (!user) return { kind: "stopped", reason: NOT_CONNECTED };
  const state = await db.syncState.upsert({
    where: { userId_provider: { userId, provider: provider.id } },
    create: { userId, provider: provider.id, runId, heartbeatAt: new Date() },
    update: { runId, heartbeatAt: new Date() },
  });
  if (!user || !connection || connection.status !== "ACTIVE") {
    const reason =
      connection?.status === "RETIRED"
        ? messages.retired
        : (connection?.statusReason ?? messages.notConnected);
    await setState(userId, provider.id, {
      status: "ERROR",
      lastError: reason,
      lastErrorAt: new Date(),
      nextAttemptAt: null,
    });
    return { kind: "stopped", reason };
  }
  const resuming = ["WAITING_RATE_LIMIT", "BACKING_OFF", "INTERRUPTED"].includes(state.status);
  const budget: RateBudget | null =
    state.rateLimitRemaining !== null &&
    state.rateLimitResetAt &&
    state.rateLimitResetAt.getTime() > Date.now()
      ? {
          limit: state.rateLimitLimit ?? 0,
          remaining: state.rateLimitRemaining,
          resetAt: state.rateLimitResetAt,
        }
      : null;
  const requester = new SyncRequester({ ...options, userId, provider, budget });
  const zone: PersonZone = { timezone: user.timezone, utcOffsetMs: user.utcOffsetMs };
  const run = new SyncRun(
    userId,
    provider,
    options,
    requester,
    zone,
    progressOf(state.progress),
    connection.grantedScopes,
    resuming ? state.requestsUsed : 0,
    runId,
    skippedOf(state.skipped),
  );
  await run.setState({
    status: "RUNNING",
    phase: !state.recentCompletedAt
      ? "recent"
      : plan.backfillComplete(
            provider,
            run.progressSnapshot(),
            new Set(Object.keys(unavailableOf(state.unavailable))),
          )
        ? "incremental"
        : "backfill",
    lastSyncStartedAt: new Date(),
    nextAttemptAt: null,
    requestsUsed: run.requestsBase,
  });
  try {
    await run.execute(user.memberSince, state.recentCompletedAt === null);
    const errors = run.errors;
    await run.setState({
      ...run.counters(),
      status: errors.length > 0 ? "ERROR" : "IDLE",
      phase: "incremental",
      lastSyncCompletedAt: new Date(),
      ...(errors.length > 0
        ? { lastError: errors.join(" "), lastErrorAt: new Date() }
        : { lastError: null }),
    });
    return { kind: "completed", requests: requester.requests, errors };
  } catch (error) {
    return await endEarly(provider, run, error);
  }
}

async function rejectedThoughActive(run: SyncRun, error: unknown): Promise<boolean> {
  if (!(error instanceof ProviderApiError) || error.failure.kind !== "unauthorized") return false;
  const connection = await db.providerConnection.findUnique({
    where: { userId_provider: { userId: run.userId, provider: run.provider.id } },
    select: { status: true },
  });
  return connection?.status === "ACTIVE";
}

async function endEarly(
  provider: HealthProvider,
  run: SyncRun,
  error: unknown,
): Promise<SyncOutcome> {
  const requests = run.requester.requests;
  const messages = messagesFor(provider.copy);
  if (await rejectedThoughActive(run, error)) {
    // A 401 even with a freshly refreshed token while the connection stays ACTIVE (issue 6 §4):
    // nothing says the person must sign in again, so back off and retry instead of stopping.
    error = new SyncPause("backoff", new Date(Date.now() + run.requester.backoffPauseMs));
  }
  // Compare-and-set on the run id: a run that lost the person leaves the new owner's state alone.
  const save = (data: Parameters<typeof setState>[2]) => run.setState(data);
  if (error instanceof SyncPause) {
    const status: SyncStatus = error.reason === "rate_limit" ? "WAITING_RATE_LIMIT" : "BACKING_OFF";
    const text =
      error.reason === "rate_limit"
        ? messages.rateLimited(error.resumeAt)
        : messages.backingOff(error.resumeAt);
    await save({
      ...run.counters(),
      status,
      nextAttemptAt: error.resumeAt,
      lastError: text,
      lastErrorAt: new Date(),
    });
    return { kind: "paused", reason: error.reason, resumeAt: error.resumeAt, requests };
  }
  if (error instanceof SyncAborted) {
    // Best effort: after a lost connection or a take-over this write may be refused.
    await save({ ...run.counters(), status: "QUEUED" }).catch(() => {});
    return { kind: "aborted", requests };
  }
  const gone = error instanceof ProviderApiError && error.failure.kind === "gone";
  const rejected = error instanceof ProviderApiError && error.failure.kind === "unauthorized";
  if (gone || rejected || error instanceof AppError) {
    const reason = gone
      ? messages.retired
      : rejected
        ? messages.accessRejected
        : (error as AppError).message;
    // A "gone" answer has already marked the connection RETIRED (the provider's api client).
    await save({
      ...run.counters(),
      status: "ERROR",
      lastError: reason,
      lastErrorAt: new Date(),
      nextAttemptAt: null,
    });
    return { kind: "stopped", reason };
  }
  await save({
    ...run.counters(),
    status: "ERROR",
    lastError: "Syncing failed unexpectedly; it will be retried.",
    lastErrorAt: new Date(),
  });
  throw error;
}
