import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { connectPerson, control, rowCounts, startSyncTestWorld, type SyncTestWorld } from "./test-support";

/**
 * Issue 6 §4: a chunk that cannot be read or written fails alone. It is retried, then skipped
 * with a note the person sees, while the same metric's other chunks and every other metric
 * complete; the problem is recorded once however often it repeats. Real PostgreSQL, the real
 * emulator over HTTP; the write failure is a real PostgreSQL error raised by a trigger.
 */
const ADA = "7QSTDY";
const options = { historyDays: 120, retryBaseMs: 10, chunkRetryMs: 10 };

let world: SyncTestWorld;
let emulator: RunningEmulator;
let engine: typeof import("./engine");
let run: typeof import("./run");
let db: typeof import("@/lib/db/client").db;
let cleanUser: string;
let clean: Awaited<ReturnType<typeof rowCounts>>;

beforeAll(async () => {
  world = await startSyncTestWorld();
  emulator = world.emulator;
  engine = await import("./engine");
  run = await import("./run");
  db = (await import("@/lib/db/client")).db;
  cleanUser = await connectPerson(emulator.url, ADA);
  expect((await engine.runSync(cleanUser, options)).kind).toBe("completed");
  clean = await rowCounts(cleanUser);
}, 180_000);
afterAll(async () => world?.close());

const hrvDates = async (userId: string) =>
  (await db.hrvDaily.findMany({ where: { userId }, select: { date: true }, orderBy: { date: "asc" } })).map((row) =>
    row.date.toISOString().slice(0, 10),
  );

async function skippedOf(userId: string) {
  const state = await db.syncState.findFirstOrThrow({ where: { userId } });
  return { state, skipped: state.skipped as Array<{ metric: string; start: string; end: string; reason: string }> };
}

it("skips a chunk the provider keeps sending unreadable, with a note, and syncs everything else", async () => {
  const userId = await connectPerson(emulator.url, ADA);
  await control(emulator.url, "/faults", { kind: "corrupt", endpoint: "hrv.range", count: run.CHUNK_ATTEMPTS });
  const outcome = await engine.runSync(userId, options);
  expect(outcome.kind).toBe("completed");

  const { state, skipped } = await skippedOf(userId);
  expect(skipped).toHaveLength(1);
  const [chunk] = skipped;
  expect(chunk).toMatchObject({ metric: "hrv" });
  expect(chunk!.reason).toMatch(/could not read/);
  expect(state.status).toBe("ERROR");
  expect(state.lastError).toMatch(/skipped; everything else synced/);

  // Only that chunk's nights are missing: older HRV history and every other metric are complete.
  const counts = await rowCounts(userId);
  expect({ ...counts, hrv: 0 }).toEqual({ ...clean, hrv: 0 });
  const inChunk = (date: string) => date >= chunk!.start && date <= chunk!.end;
  const expected = (await hrvDates(cleanUser)).filter((date) => !inChunk(date));
  expect(expected.length).toBeGreaterThan(30);
  expect(await hrvDates(userId)).toEqual(expected);

  // Three tries, one row.
  const errors = await db.syncError.findMany({ where: { userId } });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ metric: "hrv", kind: "invalid_payload", occurrences: run.CHUNK_ATTEMPTS });

  // The person sees the note on the status panel.
  const { getSyncStatus } = await import("./status");
  const status = await getSyncStatus(userId);
  expect(status.skipped).toEqual([expect.objectContaining({ metric: "hrv", label: "Heart rate variability", start: chunk!.start, end: chunk!.end })]);
  expect(status.recentErrors).toEqual([expect.objectContaining({ metric: "hrv", occurrences: run.CHUNK_ATTEMPTS })]);
}, 180_000);

it("skips a chunk PostgreSQL refuses to store (value out of range) and keeps the rest", async () => {
  const userId = await connectPerson(emulator.url, ADA);
  // A night in the middle of the history: PostgreSQL refuses that row like an overflowing Int.
  const dates = await hrvDates(cleanUser);
  const poisoned = dates[Math.floor(dates.length / 2)]!;
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION refuse_poisoned_hrv() RETURNS trigger AS $$
    BEGIN
      IF NEW."userId" = '${userId}' AND NEW."date" = DATE '${poisoned}' THEN
        RAISE EXCEPTION 'integer out of range' USING ERRCODE = 'numeric_value_out_of_range';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER refuse_poisoned_hrv BEFORE INSERT OR UPDATE ON "HrvDaily" FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_hrv()`,
  );
  try {
    const outcome = await engine.runSync(userId, options);
    expect(outcome.kind).toBe("completed");
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER refuse_poisoned_hrv ON "HrvDaily"`);
  }
  const { skipped } = await skippedOf(userId);
  expect(skipped).toEqual([expect.objectContaining({ metric: "hrv" })]);
  const [chunk] = skipped;
  expect(poisoned >= chunk!.start && poisoned <= chunk!.end).toBe(true);
  expect(await hrvDates(userId)).toEqual(dates.filter((date) => date < chunk!.start || date > chunk!.end));
  const counts = await rowCounts(userId);
  expect({ ...counts, hrv: 0 }).toEqual({ ...clean, hrv: 0 });
  const errors = await db.syncError.findMany({ where: { userId } });
  expect(errors).toEqual([expect.objectContaining({ metric: "hrv", kind: "chunk_failed", occurrences: run.CHUNK_ATTEMPTS })]);

  // The next run keeps the note (those dates are still missing) and records nothing new.
  expect((await engine.runSync(userId, options)).kind).toBe("completed");
  expect((await skippedOf(userId)).skipped).toHaveLength(1);
}, 180_000);

it("keeps sync problems de-duplicated and bounded in time and number", async () => {
  const { recordSyncError, SYNC_ERRORS_KEPT, SYNC_ERROR_RETENTION_DAYS } = await import("./state");
  const userId = await connectPerson(emulator.url, ADA);
  for (let i = 0; i < 5; i++) await recordSyncError(userId, "fitbit", "sleep", "/same", "client", "Same problem", null);
  expect(await db.syncError.findMany({ where: { userId } })).toEqual([expect.objectContaining({ occurrences: 5 })]);

  for (let i = 0; i < SYNC_ERRORS_KEPT + 20; i++)
    await recordSyncError(userId, "fitbit", "sleep", `/day/${i}`, "client", `Problem ${i}`, null);
  expect(await db.syncError.count({ where: { userId } })).toBe(SYNC_ERRORS_KEPT);
  // The newest are the ones kept.
  expect(await db.syncError.findFirst({ where: { userId, message: `Problem ${SYNC_ERRORS_KEPT + 19}` } })).not.toBeNull();

  await db.syncError.updateMany({ where: { userId }, data: { lastSeenAt: new Date(Date.now() - (SYNC_ERROR_RETENTION_DAYS + 1) * 86_400_000) } });
  await recordSyncError(userId, "fitbit", "sleep", "/fresh", "client", "Fresh problem", null);
  expect((await db.syncError.findMany({ where: { userId } })).map((e) => e.message)).toEqual(["Fresh problem"]);
}, 120_000);
