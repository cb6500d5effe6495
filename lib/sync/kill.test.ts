import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPerson, rowCounts, startSyncTestWorld, type SyncTestWorld } from "./test-support";

/** A worker process killed with SIGKILL mid-backfill: the next run resumes, no gap, no duplicate. */
const RILEY = "9SPRSE";
const options = { historyDays: 365, retryBaseMs: 10 };
let world: SyncTestWorld;
let engine: typeof import("./engine");
let db: typeof import("@/lib/db/client").db;

beforeAll(async () => {
  world = await startSyncTestWorld();
  engine = await import("./engine");
  db = (await import("@/lib/db/client")).db;
});
afterAll(async () => world?.close());

/** Starts the sync in a child process and SIGKILLs it right after its `killAfter`-th sleep chunk. */
function syncAndKill(userId: string, killAfter: number): Promise<{ killed: boolean }> {
  const script = fileURLToPath(new URL("./sync-child.fixture.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", script, userId, "365"],
    {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let sleepChunks = 0;
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    sleepChunks += text.split("\n").filter((line) => line === "chunk sleep").length;
    if (sleepChunks >= killAfter) child.kill("SIGKILL");
  });
  return new Promise((resolve) =>
    child.on("exit", (_code, signal) => resolve({ killed: signal === "SIGKILL" })),
  );
}

it("resumes after the sync process is SIGKILLed mid-backfill", async () => {
  const reference = await connectPerson(world.emulator.url, RILEY);
  expect((await engine.runSync(reference, options)).kind).toBe("completed");
  const clean = await rowCounts(reference);
  const logIds = async (userId: string) =>
    (
      await db.sleepLog.findMany({
        where: { userId },
        select: { providerLogId: true },
        orderBy: { providerLogId: "asc" },
      })
    ).map((r) => r.providerLogId);
  const cleanIds = await logIds(reference);

  const userId = await connectPerson(world.emulator.url, RILEY);
  const { killed } = await syncAndKill(userId, 2);
  expect(killed).toBe(true);
  const partial = await rowCounts(userId);
  expect(partial.sleep).toBeLessThan(clean.sleep);
  expect((await db.syncState.findFirstOrThrow({ where: { userId } })).status).toBe("RUNNING"); // as the dead run left it

  // The heartbeat stopped with the process: the check every worker runs marks the run
  // interrupted and queues its resume (production: heartbeat 15 s, stale after 45 s).
  const { resumeVanishedRuns } = await import("./vanished-runs");
  const { SYNC_QUEUE } = await import("./queue");
  await new Promise((resolve) => setTimeout(resolve, 1200));
  expect(await resumeVanishedRuns(1000)).toEqual([userId]);
  expect((await db.syncState.findFirstOrThrow({ where: { userId } })).status).toBe("INTERRUPTED");
  const queued = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pgboss.job WHERE name = ${SYNC_QUEUE} AND singleton_key = ${userId} AND state = 'created'`;
  expect(Number(queued[0]!.n)).toBe(1);

  // The dead process's advisory lock went with its connection, so the next run is not "busy".
  expect((await engine.runSync(userId, options)).kind).toBe("completed");
  expect(await rowCounts(userId)).toEqual(clean);
  expect(await logIds(userId)).toEqual(cleanIds);
}, 240_000);
