import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPerson, control, startSyncTestWorld, type SyncTestWorld } from "./test-support";

/**
 * Issue 6 §4: a 401 right after a successful refresh used to stop the run with "sign in again"
 * while the connection stayed ACTIVE, and nothing retried until the next scheduled sync. Now the
 * run backs off and the next attempt completes.
 */
const RILEY = "9SPRSE";
let world: SyncTestWorld;
let engine: typeof import("./engine");
let db: typeof import("@/lib/db/client").db;

beforeAll(async () => {
  world = await startSyncTestWorld();
  engine = await import("./engine");
  db = (await import("@/lib/db/client")).db;
}, 60_000);

afterAll(async () => world?.close());

it("backs off on a 401 that survives a fresh token, and the next run completes", async () => {
  const userId = await connectPerson(world.emulator.url, RILEY);
  // Two 401s in a row: the first makes the client refresh, the second answers the fresh token.
  await control(world.emulator.url, "/faults", { kind: "expired_token", userId: RILEY, count: 2 });
  const outcome = await engine.runSync(userId, { historyDays: 30, retryBaseMs: 10, backoffPauseMs: 1000 });
  expect(outcome).toMatchObject({ kind: "paused", reason: "backoff" });
  const connection = await db.providerConnection.findFirstOrThrow({ where: { userId } });
  expect(connection.status).toBe("ACTIVE");
  expect(connection.refreshCount).toBe(1);
  const state = await db.syncState.findFirstOrThrow({ where: { userId } });
  expect(state.status).toBe("BACKING_OFF");
  expect(state.lastError).not.toMatch(/sign in/i);

  expect((await engine.runSync(userId, { historyDays: 30, retryBaseMs: 10 })).kind).toBe("completed");
}, 120_000);
