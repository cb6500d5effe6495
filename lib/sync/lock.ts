import "server-only";
import pg from "pg";
import { env } from "@/lib/config/env";

/**
 * The hard guarantee that one person is never synced twice at once, across processes: a
 * PostgreSQL session advisory lock keyed by the user id, held on a dedicated connection for the
 * whole run. If the process dies, PostgreSQL ends the session and the lock goes with it, so a
 * killed worker never leaves a person locked. (The queue's per-user singleton policy avoids
 * most contention; this lock covers what it cannot: manual runs, races, stuck jobs.)
 */
export interface UserLock {
  release(): Promise<void>;
}

const lockKey = (userId: string) => `nightly-sync:${userId}`;

export async function tryLockUser(userId: string): Promise<UserLock | null> {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: "nightly-sync-lock",
  });
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
  return {
    release: async () => {
      try {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(userId)]);
      } finally {
        await client.end();
      }
    },
  };
}
