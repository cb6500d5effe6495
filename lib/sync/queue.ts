import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isForeignKeyViolation } from "@/lib/db/foreign-key";
import { getBoss } from "@/lib/jobs/boss";
import { log } from "@/lib/log";
import { isKnownProvider, providerById } from "@/lib/providers/registry";
import { syncedProviderOf } from "./connection-choice";
import { pushHealth, SLOW_POLL_HOURS } from "./push/status";

/**
 * The `sync-user` queue. Policy "short": at most one *queued* job per person (the user id is the
 * singleton key), so a second "Sync now" while one waits is a no-op, but a queued job never
 * waits behind another person's. Not "stately": pg-boss fetches the oldest job, and when that
 * person already has one active the stately unique index rejects the whole fetch, so one busy
 * person stalled everyone (issue 6). Two runs of one person are kept apart by the advisory lock
 * (lock.ts); a job that finds the lock taken is re-queued shortly (worker.ts).
 * See docs/decisions/0006-queue-and-heartbeat.md.
 */
export const SYNC_QUEUE = "sync-user";
export const SCHEDULE_QUEUE = "sync-schedule";

export type SyncReason = "signin" | "manual" | "schedule" | "resume";

export const syncJobSchema = z.object({
  userId: z.string().min(1),
  /** The provider connection to sync; absent in jobs queued before providers were named. */
  provider: z.string().min(1).max(64).optional(),
  reason: z.enum(["signin", "manual", "schedule", "resume"]),
  /** Consecutive back-offs of this person's sync, for the exponential pause. */
  backoffCount: z.number().int().nonnegative().default(0),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

/**
 * A run ends itself at the rate limit (≤ ~150 requests, a few minutes), so 30 minutes is far
 * beyond any real run. Expiry is the last resort for a job whose process vanished; the heartbeat
 * (vanished-runs.ts) resumes the person within about a minute. pg-boss 10 reads only
 * `expireInSeconds` from queue options (`expireInMinutes` there is silently ignored).
 */
export const SYNC_QUEUE_OPTIONS = {
  name: SYNC_QUEUE,
  policy: "short",
  retryLimit: 5,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 30 * 60,
} satisfies PgBoss.Queue;

const ensured = new WeakSet<PgBoss>();

export async function ensureQueues(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  await boss.createQueue(SYNC_QUEUE, SYNC_QUEUE_OPTIONS);
  // createQueue leaves an existing queue as it was; installs from before this change had
  // "stately" and no expiry of their own (pg-boss's 15-minute default applied).
  await boss.updateQueue(SYNC_QUEUE, SYNC_QUEUE_OPTIONS);
  await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: "short" });
  ensured.add(boss);
}

export interface EnqueueOptions {
  /** Default: the person's connection that comes first by precedence. */
  provider?: string;
  startAfter?: Date;
  backoffCount?: number;
}

/** Queues a sync of one person. Returns the job id, or null when one is already queued or the
 * person no longer exists. */
export async function enqueueSync(
  userId: string,
  reason: SyncReason,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const primary = await syncedProviderOf(userId);
  const provider = options.provider ?? primary;
  if (!provider) return null;
  const boss = await getBoss();
  await ensureQueues(boss);
  const data: SyncJob = { userId, provider, reason, backoffCount: options.backoffCount ?? 0 };
  const id = await boss.send(SYNC_QUEUE, data, {
    // One queued job per (person, provider); the person's main provider keeps the plain user id.
    singletonKey: provider === primary ? userId : `${userId}:${provider}`,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
  // Show "queued" unless a run is in progress or waiting on the provider (those states say more).
  try {
    await db.syncState.upsert({
      where: { userId_provider: { userId, provider } },
      create: { userId, provider, status: "QUEUED" },
      update: {},
    });
  } catch (error) {
    // Deleted meanwhile (e.g. a run re-queueing itself after "Delete my data"): withdraw the job
    // just sent (had it run, it would have found nobody and stopped); there is no state to show.
    if (!isForeignKeyViolation(error)) throw error;
    if (id) await boss.cancel(SYNC_QUEUE, id).catch(() => {});
    log.info("sync not queued: the person was deleted", { userId, provider, reason });
    return null;
  }
  await db.syncState.updateMany({
    where: { userId, provider, status: { in: ["IDLE", "ERROR"] } },
    data: { status: "QUEUED" },
  });
  log.info("sync queued", { userId, provider, reason, queued: id !== null });
  return id;
}

/**
 * The scheduled incremental sync: every active connection, whatever its provider — except, for
 * a provider whose push works (lib/sync/push/status.ts), connections synced within the last
 * SLOW_POLL_HOURS: notifications bring their changes, and this poll is only the safety net.
 */
export async function enqueueActiveUsers(now = Date.now()): Promise<number> {
  const connections = await db.providerConnection.findMany({
    where: { status: "ACTIVE" },
    select: { userId: true, provider: true },
  });
  const pushing = new Set<string>();
  for (const id of new Set(connections.map((c) => c.provider)))
    if (isKnownProvider(id) && (await pushHealth(providerById(id), now))?.healthy) pushing.add(id);
  const recentlyPolled = pushing.size
    ? await db.syncState.findMany({
        where: { provider: { in: [...pushing] }, lastSyncCompletedAt: { gt: new Date(now - SLOW_POLL_HOURS * 3_600_000) } },
        select: { userId: true, provider: true },
      })
    : [];
  const skip = new Set(recentlyPolled.map((s) => `${s.userId}\n${s.provider}`));
  const due = connections.filter((c) => !skip.has(`${c.userId}\n${c.provider}`));
  for (const { userId, provider } of due) await enqueueSync(userId, "schedule", { provider });
  return due.length;
}
