import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPerson, rowCounts, startSyncTestWorld, type SyncTestWorld } from "./test-support";

/**
 * Issue 6 §2: a run that loses its lock's connection stops cleanly (no uncaught 'error' event),
 * and a run that lost ownership never writes another row: every chunk commit compare-and-sets
 * the run id.
 */
const RILEY = "9SPRSE";
const options = { historyDays: 120, retryBaseMs: 10 };
let world: SyncTestWorld;
let engine: typeof import("./engine");
let db: typeof import("@/lib/db/client").db;
let admin: pg.Client;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  world = await startSyncTestWorld();
  engine = await import("./engine");
  db = (await import("@/lib/db/client")).db;
  admin = new pg.Client({ connectionString: world.databaseUrl });
  await admin.connect();
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
}, 60_000);

afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  await admin?.end();
  await world?.close();
});

it("stops a run whose lock connection is terminated, and the next run completes the history", async () => {
  const reference = await connectPerson(world.emulator.url, RILEY);
  expect((await engine.runSync(reference, options)).kind).toBe("completed");
  const clean = await rowCounts(reference);

  const userId = await connectPerson(world.emulator.url, RILEY);
  let chunks = 0;
  const outcome = await engine.runSync(userId, {
    ...options,
    onChunkCommitted: async () => {
      if (++chunks !== 2) return;
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nightly-sync-lock' AND datname = current_database()",
      );
      expect(killed.rowCount).toBe(1);
      // Give the 'error' event time to arrive before the run's next step.
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
  });
  expect(outcome.kind).toBe("aborted");
  expect(uncaught).toEqual([]);
  expect((await db.syncState.findFirstOrThrow({ where: { userId } })).status).toBe("QUEUED");

  expect((await engine.runSync(userId, options)).kind).toBe("completed");
  expect(await rowCounts(userId)).toEqual(clean);
}, 180_000);

it("never writes after another run took the person over", async () => {
  const userId = await connectPerson(world.emulator.url, RILEY);
  let chunks = 0;
  let countsAtTakeOver: Awaited<ReturnType<typeof rowCounts>> | undefined;
  const outcome = await engine.runSync(userId, {
    ...options,
    onChunkCommitted: async () => {
      if (++chunks !== 2) return;
      // What a second run does when it starts (engine.ts): it claims the person with its own id.
      await db.syncState.updateMany({ where: { userId }, data: { runId: "another-run" } });
      countsAtTakeOver = await rowCounts(userId);
    },
  });
  expect(outcome.kind).toBe("aborted");
  expect(await rowCounts(userId)).toEqual(countsAtTakeOver);
  const state = await db.syncState.findFirstOrThrow({ where: { userId } });
  expect(state.runId).toBe("another-run");
  expect(state.status).toBe("RUNNING"); // the old run left the new owner's state alone
  expect(uncaught).toEqual([]);
}, 120_000);
