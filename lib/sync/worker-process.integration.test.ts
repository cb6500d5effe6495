import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "@/emulator/server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import { setServerEnv } from "@/lib/testing/test-env";
import { connectPerson, rowCounts } from "./test-support";

/**
 * Issue 6 §2 and §3 with real processes: a standalone `npm run worker` process backfills while
 * every Nightly connection is terminated, and while PostgreSQL restarts: it stays up, logs no
 * uncaught error, and the history completes with no duplicate or missing night. Then SIGTERM
 * mid-backfill: it commits, re-queues, exits 0, and the next worker finishes. Its own PostgreSQL
 * cluster, so restarting it disturbs no other test.
 */
const RILEY = "9SPRSE";
const HISTORY_DAYS = 365;
const DATABASE = "nightly_outage";
let dataDir: string;
let port: number;
let database: EmbeddedDatabase;
let emulator: RunningEmulator;
let worker: ChildProcess;
let workerOutput = "";
let workerExit: { code: number | null; signal: string | null } | null = null;
let root: string;
let db: typeof import("@/lib/db/client").db;
let queue: typeof import("./queue");
let reference: Awaited<ReturnType<typeof rowCounts>>;

const startDatabase = () => startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, database: DATABASE });

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null); // the database may be down right now
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; worker output:\n${workerOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Queues Riley's sign-in sync and waits until the worker is into the older history. */
async function startBackfill(): Promise<string> {
  const userId = await connectPerson(emulator.url, RILEY);
  await queue.enqueueSync(userId, "signin");
  await waitFor(async () => {
    const state = await db.syncState.findFirst({ where: { userId } });
    return state?.status === "RUNNING" && state.phase === "backfill";
  }, 180_000);
  return userId;
}

async function expectCompleteHistory(userId: string) {
  await waitFor(async () => {
    const state = await db.syncState.findFirst({ where: { userId } });
    return state?.status === "IDLE" && state.lastSyncCompletedAt !== null;
  }, 300_000);
  expect(await rowCounts(userId)).toEqual(reference);
  expect(workerExit).toBeNull(); // still running
  expect(workerOutput).not.toMatch(/uncaught|unhandled/i);
}

async function spawnWorker() {
  workerOutput = "";
  workerExit = null;
  worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, SYNC_HISTORY_DAYS: String(HISTORY_DAYS), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [worker.stdout!, worker.stderr!])
    stream.setEncoding("utf8").on("data", (text: string) => (workerOutput += text));
  worker.on("exit", (code, signal) => (workerExit = { code, signal }));
  await waitFor(async () => workerOutput.includes("sync worker running"), 120_000);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "nightly-outage-"));
  port = await freePort();
  database = await startDatabase();
  await migrateDatabase(database.url);
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT], rateLimitPerHour: 1_000_000 });
  setServerEnv({ databaseUrl: database.url, emulatorUrl: emulator.url });
  db = (await import("@/lib/db/client")).db;
  queue = await import("./queue");
  const engine = await import("./engine");

  // The same history synced with nothing going wrong, to compare with.
  const clean = await connectPerson(emulator.url, RILEY);
  expect((await engine.runSync(clean, { historyDays: HISTORY_DAYS })).kind).toBe("completed");
  reference = await rowCounts(clean);

  root = fileURLToPath(new URL("../../", import.meta.url));
  await spawnWorker();
}, 300_000);

afterAll(async () => {
  if (worker && !workerExit) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  await db?.$disconnect();
  await emulator?.close();
  await database?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

it("keeps the worker up and completes the history when every Nightly connection is terminated mid-backfill", async () => {
  const userId = await startBackfill();
  const admin = new pg.Client({ connectionString: database.url.replace(`/${DATABASE}`, "/postgres") });
  await admin.connect();
  try {
    const killed = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [DATABASE],
    );
    expect(killed.rowCount).toBeGreaterThan(2); // the worker's pools, its lock, this test's pool
  } finally {
    await admin.end();
  }
  await expectCompleteHistory(userId);
}, 600_000);

it("keeps the worker up and completes the history when PostgreSQL restarts mid-backfill", async () => {
  const userId = await startBackfill();
  await database.stop();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  database = await startDatabase();
  await expectCompleteHistory(userId);
  expect(workerOutput).toMatch(/connection lost|database/i); // it did notice
}, 600_000);

it("on SIGTERM commits the current chunk, re-queues the rest and exits; the next worker finishes", async () => {
  const userId = await startBackfill();
  const sent = Date.now();
  worker.kill("SIGTERM");
  await waitFor(async () => workerExit, 60_000);
  expect(workerExit).toEqual({ code: 0, signal: null });
  expect(Date.now() - sent).toBeLessThan(30_000); // bounded: STOP_TIMEOUT_MS plus start-up of the exit
  expect(workerOutput).toMatch(/"msg":"sync worker stopped","drained":true/);
  expect(workerOutput).not.toMatch(/uncaught|unhandled/i);
  // Re-queued, not stranded as RUNNING, and a job waits for the next worker.
  const state = await db.syncState.findFirstOrThrow({ where: { userId } });
  expect(state.status).toBe("QUEUED");
  const jobs = await db.$queryRaw<{ state: string }[]>`
    SELECT state::text FROM pgboss.job WHERE name = ${queue.SYNC_QUEUE} AND singleton_key = ${userId}`;
  expect(jobs.filter((job) => job.state === "active")).toEqual([]);
  expect(jobs.filter((job) => job.state === "created")).toHaveLength(1);

  await spawnWorker();
  await expectCompleteHistory(userId);
}, 600_000);
