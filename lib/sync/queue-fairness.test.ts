import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PEOPLE } from "@/emulator/people";
import { connectPerson, control, startSyncTestWorld, type SyncTestWorld } from "./test-support";

/**
 * Issue 6 §1: one person's slow sync never delays another's. Sam's provider answers slowly;
 * "Sync now" twice for him while his run goes on, then everyone else signs in at once. With the
 * old "stately" queue, Sam's queued job made every fetch fail and the others waited for his whole
 * run with a worker slot idle.
 */
const SAM = "8SHFTW";
const OTHERS = DEMO_PEOPLE.map((person) => person.encodedId).filter((id) => id !== SAM);
let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
let worker: typeof import("./worker");
let queue: typeof import("./queue");

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
  worker = await import("./worker");
  queue = await import("./queue");
}, 60_000);

afterAll(async () => {
  await worker?.stopWorker();
  await world?.close();
});

it("gives jobs 30-minute expiry and a queue where one person's queued job never blocks another's", async () => {
  const boss = await (await import("@/lib/jobs/boss")).getBoss();
  await queue.ensureQueues(boss);
  const config = await boss.getQueue(queue.SYNC_QUEUE);
  expect(config).toMatchObject({ policy: "short", expireInSeconds: 1800 });
});

it("runs everyone else while a slow person's run and their duplicate requests wait", async () => {
  const sam = await connectPerson(world.emulator.url, SAM);
  const others = await Promise.all(OTHERS.map((id) => connectPerson(world.emulator.url, id)));
  // Every one of Sam's requests takes 4 s: his run takes minutes.
  await control(world.emulator.url, "/faults", { kind: "latency", userId: SAM, count: 1000, latencyMs: 4000 });
  await worker.startWorker({
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    runOptions: { historyDays: 60, retryBaseMs: 10 },
  });
  expect(await queue.enqueueSync(sam, "signin")).not.toBeNull();
  await waitFor(async () => (await db.syncState.findFirst({ where: { userId: sam } }))?.status === "RUNNING");
  // "Sync now" twice while his run goes on: they wait (or collapse) instead of running beside it.
  await queue.enqueueSync(sam, "manual");
  await queue.enqueueSync(sam, "manual");

  const signedInAt = Date.now();
  for (const userId of others) await queue.enqueueSync(userId, "signin");
  const firstCharts = await waitFor(async () => {
    const states = await db.syncState.findMany({ where: { userId: { in: others } } });
    const done = states.filter((state) => state.recentCompletedAt);
    return done.length === others.length ? done.map((s) => s.recentCompletedAt!.getTime() - signedInAt) : null;
  }, 180_000);
  console.log(`first charts of the others while Sam syncs: ${firstCharts.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`);
  // Sam is still syncing: nobody waited for him.
  const samState = await db.syncState.findFirstOrThrow({ where: { userId: sam } });
  expect(samState.status).toBe("RUNNING");

  // His duplicate stayed one queued job (it runs after his current run, never beside it).
  const client = new pg.Client({ connectionString: world.databaseUrl });
  await client.connect();
  try {
    const queued = await client.query(
      "SELECT id FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')",
      [queue.SYNC_QUEUE, sam],
    );
    expect(queued.rowCount).toBeLessThanOrEqual(1);
  } finally {
    await client.end();
  }
}, 300_000);
