import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

/**
 * The hard guarantee that one person is never synced twice at once, across processes: a
 * PostgreSQL session advisory lock keyed by the user id, held on a dedicated connection for the
 * whole run. If the process dies, PostgreSQL ends the session and the lock goes with it, so a
 * killed worker never leaves a person locked. (The queue keeps one queued job per person; this
 * lock is what keeps two runs apart: manual runs, races, a job retried after a crash.)
 *
 * The same connection carries the run's heartbeat (`SyncState.heartbeatAt`, every
 * HEARTBEAT_MS, only while `SyncState.runId` is still this run's id). When the connection breaks
 * (database restart, pg_terminate_backend) or the heartbeat finds another run's id, `lost` is
 * aborted: the run stops at its next step, and its chunk commits refuse to write because they
 * compare-and-set the run id too (run.ts). See docs/decisions/0006-queue-and-heartbeat.md.
 */
export const HEARTBEAT_MS = 15_000;

export interface UserLock {
  /** This run's id, written to `SyncState.runId` by the engine when the run starts. */
  readonly runId: string;
  /** Aborted when the lock's connection is lost or another run took the person over. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

const lockKey = (userId: string) => `nightly-sync:${userId}`;

export async function tryLockUser(userId: string, heartbeatMs = HEARTBEAT_MS): Promise<UserLock | null> {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: "nightly-sync-lock",
  });
  const lost = new AbortController();
  // Without a listener a broken connection is an uncaught 'error' event that ends the process.
  client.on("error", (error: Error & { code?: string }) => {
    log.warn("sync lock connection lost", { userId, code: error.code ?? error.message });
    lost.abort(new Error("sync lock connection lost"));
  });
  client.on("end", () => lost.abort(new Error("sync lock connection ended")));
  await client.connect();
  try {
    const result = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [lockKey(userId)],
    );
    if (!result.rows[0]?.locked) {
      await client.end();
      return null;
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  const runId = randomUUID();
  let released = false;
  // One query at a time on this connection: a beat is skipped while the last one is still
  // waiting (e.g. behind a chunk commit's row lock), and release waits for it.
  let beating: Promise<void> | null = null;
  const beat = setInterval(() => {
    if (beating || released) return;
    beating = client
      .query('UPDATE "SyncState" SET "heartbeatAt" = now() WHERE "userId" = $1 AND "runId" = $2', [userId, runId])
      .then((result) => {
        if (result.rowCount === 0 && !released) {
          log.warn("sync run lost ownership", { userId });
          lost.abort(new Error("sync run taken over"));
        }
      })
      .catch(() => lost.abort(new Error("sync heartbeat failed")))
      .finally(() => {
        beating = null;
      });
  }, heartbeatMs);
  beat.unref();
  return {
    runId,
    lost: lost.signal,
    release: async () => {
      released = true;
      clearInterval(beat);
      await beating;
      try {
        if (!lost.signal.aborted)
          await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(userId)]);
      } catch {
        // The session is gone, and the lock with it.
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}
