import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import {
  connectPerson,
  control,
  emulatorRequests,
  rowCounts,
  startSyncTestWorld,
  type SyncTestWorld,
} from "./test-support";

/** Ada (steady sleeper, logs every meal), one year of history. */
const ADA = "7QSTDY";
const YEAR = 365;
const fast = { historyDays: YEAR, retryBaseMs: 10 };
/** Fault tests need less history to prove "nothing lost": 120 days, compared with a clean run. */
const short = { historyDays: 120, retryBaseMs: 10 };

let world: SyncTestWorld;
let emulator: RunningEmulator;
let engine: typeof import("./engine");
let db: typeof import("@/lib/db/client").db;
let clean: Awaited<ReturnType<typeof rowCounts>>;
let cleanShort: Awaited<ReturnType<typeof rowCounts>>;

beforeAll(async () => {
  world = await startSyncTestWorld();
  emulator = world.emulator;
  engine = await import("./engine");
  db = (await import("@/lib/db/client")).db;
  // The reference run every other test compares with.
  const userId = await connectPerson(emulator.url, ADA);
  const before = await emulatorRequests(emulator.url);
  const outcome = await engine.runSync(userId, fast);
  expect(outcome.kind).toBe("completed");
  clean = await rowCounts(userId);
  const after = await emulatorRequests(emulator.url);
  cleanRequests = Object.fromEntries(
    Object.entries(after.byEndpoint)
      .map(([name, n]) => [name, n - (before.byEndpoint[name] ?? 0)])
      .filter(([, n]) => Number(n) > 0),
  );
  cleanUserId = userId;
}, 120_000);
afterAll(async () => world?.close());

let cleanRequests: Record<string, number>;
let cleanUserId: string;

describe("one-year backfill", () => {
  it("uses the minimum requests per endpoint the ranges allow", async () => {
    const foodDays = await db.nutritionDaily.count({
      where: { userId: cleanUserId, caloriesIn: { gt: 0 } },
    });
    expect(foodDays).toBeGreaterThan(300);
    expect(cleanRequests).toEqual({
      "sleep.range": 4, // 365 / 100
      "hrv.range": 13, // 365 / 30
      "br.intraday.range": 13,
      "hrv.intraday.range": 1, // last 7 nights
      "foods.series.caloriesIn": 1,
      "foods.series.water": 1,
      "foods.log.date": foodDays,
      devices: 1,
    });
    expect(clean.foodDaysFetched).toBe(foodDays);
    expect(clean.sleep).toBeGreaterThan(300);
    expect(clean.hrv).toBeGreaterThan(300);
    expect(clean.br).toBeGreaterThan(300);
    expect(clean.nutrition).toBe(YEAR);
    expect(clean.devices).toBeGreaterThan(0);
    const state = await db.syncState.findFirstOrThrow({ where: { userId: cleanUserId } });
    expect(state).toMatchObject({ status: "IDLE", phase: "incremental" });
    expect(state.recentCompletedAt).not.toBeNull();
  });

  it("reports progress for the status panel", async () => {
    const { getSyncStatus } = await import("./status");
    const status = await getSyncStatus(cleanUserId);
    expect(status).toMatchObject({
      status: "IDLE",
      phase: "incremental",
      foodLogDaysLeft: 0,
      lastError: null,
    });
    const sleep = status.metrics.find((m) => m.metric === "sleep")!;
    expect(sleep).toMatchObject({ daysDone: YEAR, daysLeft: 0, backfillDone: true });
    expect(status.requestsUsed).toBeGreaterThan(300);
    expect(status.rateLimit.remaining).not.toBeNull();
    expect(status.lastDeviceSync?.batteryLevel).toEqual(expect.any(Number));
    expect(status.lastSyncCompletedAt).not.toBeNull();
  });

  it("an incremental sync afterwards re-fetches only the look-back window and changes nothing", async () => {
    const before = await emulatorRequests(emulator.url);
    expect((await engine.runSync(cleanUserId, fast)).kind).toBe("completed");
    const after = await emulatorRequests(emulator.url);
    const used = (name: string) => (after.byEndpoint[name] ?? 0) - (before.byEndpoint[name] ?? 0);
    expect(used("sleep.range")).toBe(1);
    expect(used("hrv.range")).toBe(1);
    expect(used("foods.log.date")).toBeLessThanOrEqual(1); // today's log may still be growing
    expect(await rowCounts(cleanUserId)).toEqual(clean);
  });
});

describe("HRV detail on demand", () => {
  it("fetches one older night's 5-minute readings with one request", async () => {
    const { fetchHrvIntradayNight } = await import("./on-demand");
    const night = (
      await db.hrvDaily.findFirstOrThrow({
        where: { userId: cleanUserId },
        orderBy: { date: "asc" },
      })
    ).date;
    const before = await emulatorRequests(emulator.url);
    expect(await fetchHrvIntradayNight(cleanUserId, night.toISOString().slice(0, 10))).toEqual({
      stored: true,
    });
    const after = await emulatorRequests(emulator.url);
    expect(
      after.byEndpoint["hrv.intraday.range"]! - (before.byEndpoint["hrv.intraday.range"] ?? 0),
    ).toBe(1);
    expect(await db.hrvIntraday.count({ where: { userId: cleanUserId } })).toBe(
      clean.hrvIntraday + 1,
    );
  });

  it("opening a night fetches its readings once, and only when Fitbit has an HRV summary for it", async () => {
    const { ensureHrvIntradayNight } = await import("./on-demand");
    const [, second] = await db.hrvDaily.findMany({ where: { userId: cleanUserId }, orderBy: { date: "asc" }, take: 2 });
    const day = second!.date.toISOString().slice(0, 10);
    const before = await emulatorRequests(emulator.url);
    await ensureHrvIntradayNight(cleanUserId, day);
    await ensureHrvIntradayNight(cleanUserId, day); // already stored: no second request
    await ensureHrvIntradayNight(cleanUserId, "2001-01-01"); // no summary: nothing to ask for
    const after = await emulatorRequests(emulator.url);
    expect((after.byEndpoint["hrv.intraday.range"] ?? 0) - (before.byEndpoint["hrv.intraday.range"] ?? 0)).toBe(1);
    expect(await db.hrvIntraday.findFirst({ where: { userId: cleanUserId, date: second!.date } })).not.toBeNull();
  });
});

describe("provider trouble", () => {
  beforeAll(async () => {
    const shortUser = await connectPerson(emulator.url, ADA);
    expect((await engine.runSync(shortUser, short)).kind).toBe("completed");
    cleanShort = await rowCounts(shortUser);
  });

  it("survives a 429 and a 500 with nothing lost", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    await control(emulator.url, "/faults", { kind: "500", endpoint: "hrv.range", count: 1 });
    await control(emulator.url, "/faults", {
      kind: "429",
      endpoint: "sleep.range",
      count: 1,
      retryAfterSeconds: 30,
    });
    // The 500 is retried in-process; the 429 pauses the run until after Retry-After.
    const first = await engine.runSync(userId, short);
    expect(first).toMatchObject({ kind: "paused", reason: "rate_limit" });
    const paused = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(paused.status).toBe("WAITING_RATE_LIMIT");
    expect(paused.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 25_000);
    // What the re-scheduled job does after the reset:
    await db.syncState.updateMany({
      where: { userId },
      data: { rateLimitResetAt: new Date(Date.now() - 1000) },
    });
    expect((await engine.runSync(userId, short)).kind).toBe("completed");
    expect(await rowCounts(userId)).toEqual(cleanShort);
  });

  it("backs off (BACKING_OFF) when 5xx persist, then completes", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    await control(emulator.url, "/faults", {
      kind: "503",
      endpoint: "br.intraday.range",
      count: 4,
    });
    const first = await engine.runSync(userId, { ...short, retries: 3 });
    expect(first).toMatchObject({ kind: "paused", reason: "backoff" });
    expect((await db.syncState.findFirstOrThrow({ where: { userId } })).status).toBe(
      "BACKING_OFF",
    );
    expect((await engine.runSync(userId, short)).kind).toBe("completed");
    expect(await rowCounts(userId)).toEqual(cleanShort);
  });

  it("resumes a sync killed mid-backfill with no duplicates and no gaps", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    const abort = new AbortController();
    let sleepChunks = 0;
    const outcome = await engine.runSync(userId, {
      ...fast,
      signal: abort.signal,
      // The first sleep chunk is the recent window; stop after the second, i.e. mid-backfill.
      onChunkCommitted: ({ metric }) => {
        if (metric === "sleep" && ++sleepChunks === 2) abort.abort();
      },
    });
    expect(outcome.kind).toBe("aborted");
    const partial = await rowCounts(userId);
    expect(partial.sleep).toBeLessThan(clean.sleep);
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(state.recentCompletedAt).not.toBeNull();
    expect(state.phase).toBe("backfill");
    expect((await engine.runSync(userId, fast)).kind).toBe("completed");
    expect(await rowCounts(userId)).toEqual(clean);
    // Same nights as the clean run, date for date.
    const nights = async (id: string) =>
      (
        await db.sleepLog.findMany({
          where: { userId: id },
          select: { providerLogId: true },
          orderBy: { providerLogId: "asc" },
        })
      ).map((r) => r.providerLogId);
    expect(await nights(userId)).toEqual(await nights(cleanUserId));
  }, 180_000);

  it("rejects a corrupt payload, records it once, and the retried chunk completes the history", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    await control(emulator.url, "/faults", { kind: "corrupt", endpoint: "hrv.range", count: 1 });
    const outcome = await engine.runSync(userId, { ...short, chunkRetryMs: 10 });
    expect(outcome).toMatchObject({ kind: "completed", errors: [] });
    expect(await rowCounts(userId)).toEqual(cleanShort);
    const errors = await db.syncError.findMany({ where: { userId } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ metric: "hrv", kind: "invalid_payload", occurrences: 1 });
    expect(errors[0]!.message).toMatch(/could not read/);
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(state.status).toBe("IDLE");
    expect(state.skipped).toEqual([]);
  });

  it("marks a metric unavailable on 403 insufficient_scope and syncs the rest", async () => {
    const userId = await connectPerson(emulator.url, ADA, {
      scopes: ["sleep", "heartrate", "nutrition", "profile", "settings"],
      claimScope: "sleep heartrate respiratory_rate nutrition profile settings",
    });
    expect((await engine.runSync(userId, short)).kind).toBe("completed");
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(Object.keys(state.unavailable as object)).toEqual(["br"]);
    expect(state.status).toBe("IDLE");
    const counts = await rowCounts(userId);
    expect(counts.br).toBe(0);
    expect(counts.sleep).toBe(cleanShort.sleep);
  });

  it("marks the connection RETIRED on 410 Gone and stops", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    await control(emulator.url, "/retired", { retired: true });
    try {
      const outcome = await engine.runSync(userId, short);
      expect(outcome.kind).toBe("stopped");
    } finally {
      await control(emulator.url, "/retired", { retired: false });
    }
    const connection = await db.providerConnection.findFirstOrThrow({ where: { userId } });
    expect(connection.status).toBe("RETIRED");
    expect((await db.syncState.findFirstOrThrow({ where: { userId } })).status).toBe("ERROR");
    expect((await rowCounts(userId)).sleep).toBe(0);
  });

  it("stops with a clear state when the connection needs re-consent, without calling Fitbit", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    await db.providerConnection.updateMany({
      where: { userId },
      data: { status: "NEEDS_RECONSENT", statusReason: "Fitbit needs you to sign in again." },
    });
    const before = (await emulatorRequests(emulator.url)).byStatus;
    const outcome = await engine.runSync(userId, short);
    expect(outcome).toEqual({ kind: "stopped", reason: "Fitbit needs you to sign in again." });
    expect((await emulatorRequests(emulator.url)).byStatus).toEqual(before);
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(state).toMatchObject({
      status: "ERROR",
      lastError: "Fitbit needs you to sign in again.",
    });
  });

  it("never runs two syncs of one person at once", async () => {
    const userId = await connectPerson(emulator.url, ADA);
    const [a, b] = await Promise.all([
      engine.runSync(userId, short),
      engine.runSync(userId, short),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(["busy", "completed"]);
  });

});
