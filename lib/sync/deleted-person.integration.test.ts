/**
 * A person deleted ("Delete my data", or an admin) while their sync is queued or about to write:
 * the sync stops, nothing is re-queued, and no foreign-key error reaches the job loop (which used
 * to log it and leave the job for pg-boss to retry). The deletion is a real concurrent transaction:
 * uncommitted while the sync checks the person, committed while its first write waits on the row.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPerson, startSyncTestWorld, type SyncTestWorld } from "./test-support";

const ADA = "7QSTDY";
let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
let engine: typeof import("./engine");
let queue: typeof import("./queue");

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
  engine = await import("./engine");
  queue = await import("./queue");
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/jobs/boss")).stopBoss();
  await world?.close();
});

/** Runs `write` while another transaction deletes the person, committing once `write` waits on it. */
async function deletedDuring<T>(userId: string, write: () => Promise<T>): Promise<T> {
  // The sync state is created, not updated, so its foreign key is what meets the deletion.
  await db.syncState.deleteMany({ where: { userId } });
  const deleter = new pg.Client({ connectionString: world.databaseUrl });
  await deleter.connect();
  try {
    await deleter.query("BEGIN");
    await deleter.query(`DELETE FROM "User" WHERE id = $1`, [userId]);
    const pending = write();
    await waitForLockWait(deleter);
    await deleter.query("COMMIT");
    return await pending;
  } finally {
    await deleter.end();
  }
}

/** Until some other session waits on a row lock (the write behind the uncommitted delete). */
async function waitForLockWait(client: pg.Client): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    // Inside a transaction pg_stat_activity is read once and kept; drop that snapshot each time.
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the write never waited on the deleted person's row");
}

it("a run stops quietly when its person is deleted between its checks and its first write", async () => {
  const userId = await connectPerson(world.emulator.url, ADA);
  const outcome = await deletedDuring(userId, () => engine.runSync(userId, { historyDays: 30 }));
  expect(outcome.kind).toBe("stopped");
  expect(await db.syncState.count({ where: { userId } })).toBe(0);
});

it("queuing a sync of a person deleted meanwhile queues nothing and leaves no state", async () => {
  const userId = await connectPerson(world.emulator.url, ADA);
  const id = await deletedDuring(userId, () => queue.enqueueSync(userId, "resume"));
  expect(id).toBeNull();
  expect(await db.syncState.count({ where: { userId } })).toBe(0);
  const jobs = await db.$queryRawUnsafe<{ state: string }[]>(`SELECT state::text FROM pgboss.job WHERE data->>'userId' = $1`, userId);
  expect(jobs.map((job) => job.state)).toEqual(["cancelled"]);
});
