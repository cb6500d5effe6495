import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPerson, startSyncTestWorld, type SyncTestWorld } from "./test-support";
import { SAFETY_MARGIN } from "./requester";

/** End to end through pg-boss: queue, worker, rate-limit re-scheduling. */
const RILEY = "9SPRSE";
let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
let worker: typeof import("./worker");
let queue: typeof import("./queue");

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 40_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // A low limit, so the run hits the budget and must be re-scheduled through the queue.
  world = await startSyncTestWorld({ rateLimitPerHour: 20 });
  db = (await import("@/lib/db/client")).db;
  worker = await import("./worker");
  queue = await import("./queue");
}, 60_000);

afterAll(async () => {
  await worker?.stopWorker();
  await world?.close();
});

describe("sync through pg-boss", () => {
  it("queues one job per person, runs it, and re-schedules for after the rate-limit reset", async () => {
    const userId = await connectPerson(world.emulator.url, RILEY);
    const first = await queue.enqueueSync(userId, "signin");
    const second = await queue.enqueueSync(userId, "manual");
    expect(first).not.toBeNull();
    expect(second).toBeNull(); // one queued job per person (policy "short")
    // Started after queueing, so the second send above deterministically met a queued job.
    await worker.startWorker({
      concurrency: 2,
      pollingIntervalSeconds: 0.5,
      runOptions: { historyDays: 60, retryBaseMs: 10 },
    });

    const waiting = await waitFor(async () => {
      const state = await db.syncState.findFirst({ where: { userId } });
      return state?.status === "WAITING_RATE_LIMIT" ? state : null;
    });
    expect(waiting.recentCompletedAt).not.toBeNull(); // the recent window fits in the budget
    expect(waiting.rateLimitRemaining).toBeLessThanOrEqual(SAFETY_MARGIN);
    expect(waiting.lastError).toMatch(/hourly request limit/);

    // The follow-up job waits in the queue until after the reset, instead of a sleeping worker.
    const client = new pg.Client({ connectionString: world.databaseUrl });
    await client.connect();
    try {
      const jobs = await waitFor(async () => {
        const result = await client.query<{ start_after: Date; data: { reason: string } }>(
          "SELECT start_after, data FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'",
          [queue.SYNC_QUEUE, userId],
        );
        return result.rows.length > 0 ? result.rows : null;
      });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.data.reason).toBe("resume");
      expect(jobs[0]!.start_after.getTime()).toBeGreaterThanOrEqual(
        waiting.rateLimitResetAt!.getTime(),
      );
    } finally {
      await client.end();
    }
    // The emulator's hourly counter would not have allowed more than the limit.
    const requests = (await (await fetch(`${world.emulator.url}/__emulator/requests`)).json()) as {
      byStatus: Record<string, number>;
    };
    expect(requests.byStatus["429"] ?? 0).toBe(0);
  });

  it("schedules the incremental sync of every active connection", async () => {
    const boss = await (await import("@/lib/jobs/boss")).getBoss();
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([
      queue.SCHEDULE_QUEUE,
      "*/15 * * * *",
    ]);
    // What the cron job does: queue everyone ACTIVE (the rate-limited person already has a job).
    expect(await queue.enqueueActiveUsers()).toBe(1);
  });
});
