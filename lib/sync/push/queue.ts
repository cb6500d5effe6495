import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getBoss } from "@/lib/jobs/boss";

/**
 * The `sync-push` queue: one job per recorded notification (lib/sync/push/record.ts), handled by
 * every worker process beside the sync queue. A job only names its notification; everything
 * else is read from the record, so a retried job does what the first would have.
 */
export const PUSH_QUEUE = "sync-push";

export const pushJobSchema = z.object({ notificationId: z.string().min(1).max(64) });
export type PushJob = z.infer<typeof pushJobSchema>;

export const PUSH_QUEUE_OPTIONS = {
  name: PUSH_QUEUE,
  policy: "standard",
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 10 * 60,
} satisfies PgBoss.Queue;

const ensured = new WeakSet<PgBoss>();

export async function ensurePushQueue(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  await boss.createQueue(PUSH_QUEUE, PUSH_QUEUE_OPTIONS);
  ensured.add(boss);
}

export async function enqueuePush(notificationId: string, startAfter?: Date): Promise<void> {
  const boss = await getBoss();
  await ensurePushQueue(boss);
  await boss.send(PUSH_QUEUE, { notificationId } satisfies PushJob, startAfter ? { startAfter } : {});
}
