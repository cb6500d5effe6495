import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { HEARTBEAT_MS, tryLockUser } from "./lock";
import { enqueueSync } from "./queue";

/**
 * A run whose process vanished (SIGKILL, power loss, a lost database connection) leaves its
 * person RUNNING with a heartbeat that stopped. Every worker checks every SWEEP_MS; a RUNNING
 * state whose heartbeat is older than STALE_MS and whose advisory lock is free (so no live
 * process holds it) is marked INTERRUPTED and a resume is queued: detected within about a
 * minute, instead of waiting for pg-boss to expire the orphaned job (30 minutes).
 */
export const STALE_MS = 3 * HEARTBEAT_MS;
export const SWEEP_MS = HEARTBEAT_MS;

export async function resumeVanishedRuns(staleMs = STALE_MS): Promise<string[]> {
  const stale = await db.syncState.findMany({
    where: {
      status: "RUNNING",
      OR: [
        { heartbeatAt: { lt: new Date(Date.now() - staleMs) } },
        // Rows from before heartbeats existed.
        { heartbeatAt: null, updatedAt: { lt: new Date(Date.now() - staleMs) } },
      ],
    },
    select: { userId: true, provider: true, runId: true },
  });
  const resumed: string[] = [];
  for (const { userId, provider, runId } of stale) {
    const lock = await tryLockUser(userId);
    if (!lock) continue; // a live process still holds the person: its heartbeat is only late
    try {
      const { count } = await db.syncState.updateMany({
        where: { userId, provider, runId, status: "RUNNING" },
        data: {
          status: "INTERRUPTED",
          lastError: "The last sync was interrupted; it resumes where it stopped.",
          lastErrorAt: new Date(),
        },
      });
      if (count === 0) continue;
    } finally {
      await lock.release();
    }
    await enqueueSync(userId, "resume", { provider });
    log.warn("sync run vanished; resuming", { userId, provider });
    resumed.push(userId);
  }
  return resumed;
}
