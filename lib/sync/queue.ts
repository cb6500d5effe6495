import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getBoss } from "@/lib/jobs/boss";
import { log } from "@/lib/log";
import { syncedProviderOf } from "./connection-choice";

/**
 * The `sync-user` queue. Per-user exclusivity, first line: the queue's "stately" policy with the
 * user id as singleton key allows at most one queued and one running job per person (a second
 * "Sync now" while one is queued is a no-op). The hard guarantee is the advisory lock in
 * lock.ts, taken by every run.
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

const ensured = new WeakSet<PgBoss>();

export async function ensureQueues(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  // A run ends itself at the rate limit (≤ ~150 requests, a few minutes), so 30 min is far
  // beyond any real run. The expiry is what frees a person whose sync job was orphaned by a
  // killed process (the stately policy admits no second active job until then); the retry
  // cannot overlap a still-running old run thanks to the advisory lock.
  await boss.createQueue(SYNC_QUEUE, {
    name: SYNC_QUEUE,
    policy: "stately",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInMinutes: 30,
  });
  await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: "short" });
  ensured.add(boss);
}

export interface EnqueueOptions {
  /** Default: the person's connection that comes first by precedence. */
  provider?: string;
  startAfter?: Date;
  backoffCount?: number;
}

/** Queues a sync of one person. Returns the job id, or null when one is already queued. */
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
  await db.syncState.upsert({
    where: { userId_provider: { userId, provider } },
    create: { userId, provider, status: "QUEUED" },
    update: {},
  });
  await db.syncState.updateMany({
    where: { userId, provider, status: { in: ["IDLE", "ERROR"] } },
    data: { status: "QUEUED" },
  });
  log.info("sync queued", { userId, provider, reason, queued: id !== null });
  return id;
}

/** The scheduled incremental sync: every active connection, whatever its provider. */
export async function enqueueActiveUsers(): Promise<number> {
  const connections = await db.providerConnection.findMany({
    where: { status: "ACTIVE" },
    select: { userId: true, provider: true },
  });
  for (const { userId, provider } of connections) await enqueueSync(userId, "schedule", { provider });
  return connections.length;
}
