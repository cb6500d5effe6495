import "server-only";
import { db } from "@/lib/db/client";
import { getBoss } from "@/lib/jobs/boss";
import { log } from "@/lib/log";
import { ensureQueues, SYNC_QUEUE } from "./queue";

/**
 * Cancels every sync job of one person that has not started: queued now, or scheduled for later
 * (back-off, rate-limit waits and resumes are jobs with a future start). Call it after the
 * person's connections stopped being ACTIVE, so the schedule cannot queue new ones; a run already
 * in progress stops at its next provider call, which the revoked token fails.
 * Returns the number of jobs cancelled.
 */
export async function cancelQueuedSyncs(userId: string): Promise<number> {
  const boss = await getBoss();
  await ensureQueues(boss);
  // pg-boss has no "find by payload"; its job table is plain SQL in our own database.
  const jobs = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM pgboss.job
     WHERE name = ${SYNC_QUEUE} AND state IN ('created', 'retry') AND data->>'userId' = ${userId}`;
  if (jobs.length === 0) return 0;
  await boss.cancel(SYNC_QUEUE, jobs.map((job) => job.id));
  log.info("sync jobs cancelled", { userId, jobs: jobs.length });
  return jobs.length;
}
