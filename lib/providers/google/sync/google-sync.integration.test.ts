/**
 * The Google Health path end to end below the browser: the emulator's Google side over real
 * HTTP, real PostgreSQL, the same engine as Fitbit. The same demo person read through both APIs
 * must give the same export, value for value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectGooglePerson } from "@/lib/testing/connect-person";
import { connectPerson, control, emulatorRequests, rowCounts, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";

const ADA = "7QSTDY";
const DAYS = 120;
const options = { historyDays: DAYS, retryBaseMs: 10, provider: "google-health" };

let world: SyncTestWorld;
let engine: typeof import("@/lib/sync/engine");
let db: typeof import("@/lib/db/client").db;

const googleRequests = async () => {
  const snapshot = await emulatorRequests(world.emulator.url);
  return Object.entries(snapshot.byEndpoint)
    .filter(([name]) => name.startsWith("google.") && !name.startsWith("google.oauth"))
    .reduce((sum, [, n]) => sum + n, 0);
};

beforeAll(async () => {
  world = await startSyncTestWorld();
  engine = await import("@/lib/sync/engine");
  db = (await import("@/lib/db/client")).db;
}, 60_000);
afterAll(async () => world?.close());

describe("Google Health sync", () => {
  it("gets the last 30 nights of every metric in at most 8 requests", async () => {
    const userId = await connectGooglePerson(world.emulator.url, ADA);
    const before = await googleRequests();
    expect((await engine.runSync(userId, { ...options, historyDays: 30 })).kind).toBe("completed");
    expect((await googleRequests()) - before).toBeLessThanOrEqual(8);
    const counts = await rowCounts(userId);
    expect(counts.sleep).toBeGreaterThanOrEqual(28);
    expect(counts.hrv).toBeGreaterThan(20);
    expect(counts.br).toBeGreaterThan(20);
    expect(counts.nutrition).toBe(30);
  }, 120_000);

  it("gives the same export as the Fitbit path for the same person", async () => {
    const googleUser = await connectGooglePerson(world.emulator.url, ADA);
    const fitbitUser = await connectPerson(world.emulator.url, ADA);
    expect((await engine.runSync(googleUser, options)).kind).toBe("completed");
    expect((await engine.runSync(fitbitUser, { historyDays: DAYS, retryBaseMs: 10 })).kind).toBe("completed");
    const { getExportRows } = await import("@/lib/queries/export");
    const { authorizeSelf } = await import("@/lib/authz/authorize");
    const { localToday } = await import("@/lib/dates");
    const to = localToday("Europe/London");
    const range = { from: `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to };
    // Google keeps no calorie goal: that one row is Fitbit's alone.
    const rows = async (userId: string) =>
      (await getExportRows(authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" }), range, "METRIC")).filter((row) => row.metric !== "calorie_goal");
    const [google, fitbit] = [await rows(googleUser), await rows(fitbitUser)];
    expect(google.length).toBeGreaterThan(500);
    expect(google).toEqual(fitbit);
  }, 240_000);

  it("pages through empty middle pages to the end (nothing stops early)", async () => {
    const reference = await connectGooglePerson(world.emulator.url, ADA);
    expect((await engine.runSync(reference, options)).kind).toBe("completed");
    const expected = await rowCounts(reference);
    await control(world.emulator.url, "/google/paging", { forceEmptyPages: true });
    try {
      const userId = await connectGooglePerson(world.emulator.url, ADA);
      expect((await engine.runSync(userId, options)).kind).toBe("completed");
      expect(await rowCounts(userId)).toEqual(expected);
    } finally {
      await control(world.emulator.url, "/google/paging", { forceEmptyPages: false });
    }
  }, 240_000);

  it("waits out a 429 storm and resumes with nothing lost", async () => {
    const reference = await connectGooglePerson(world.emulator.url, ADA);
    expect((await engine.runSync(reference, options)).kind).toBe("completed");
    const expected = await rowCounts(reference);
    const userId = await connectGooglePerson(world.emulator.url, ADA);
    await control(world.emulator.url, "/faults", { kind: "429", endpoint: "*", provider: "google", count: 5 });
    const first = await engine.runSync(userId, options);
    expect(first).toMatchObject({ kind: "paused", reason: "rate_limit" });
    const state = await db.syncState.findFirstOrThrow({ where: { userId, provider: "google-health" } });
    expect(state.status).toBe("WAITING_RATE_LIMIT");
    expect(state.lastError).toMatch(/Google's per-minute request limit/);
    // What the re-queued job does once the minute is over (faults used up by then):
    await control(world.emulator.url, "/faults", undefined, "DELETE");
    await db.syncState.updateMany({ where: { userId }, data: { rateLimitResetAt: new Date(Date.now() - 1000) } });
    expect((await engine.runSync(userId, options)).kind).toBe("completed");
    expect(await rowCounts(userId)).toEqual(expected);
  }, 240_000);

  it("explains a metric whose scope was not granted, and syncs the others", async () => {
    const scopes = ["sleep", "nutrition", "profile", "settings"].map(
      (name) => `https://www.googleapis.com/auth/googlehealth.${name}.readonly`,
    );
    const userId = await connectGooglePerson(world.emulator.url, ADA, { scopes });
    expect((await engine.runSync(userId, options)).kind).toBe("completed");
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    expect(state.unavailable).toMatchObject({
      hrv: expect.stringMatching(/Heart rate variability was not shared with Nightly on Google's consent page/),
      br: expect.stringMatching(/Breathing rate/),
    });
    const counts = await rowCounts(userId);
    expect(counts.sleep).toBeGreaterThan(100);
    expect(counts.hrv).toBe(0);
  }, 240_000);

  it("keeps paired devices and battery (settings scope); without that scope there are none, and it says why", async () => {
    const { getSyncStatus } = await import("@/lib/sync/status");
    const userId = await connectGooglePerson(world.emulator.url, ADA);
    expect((await engine.runSync(userId, { ...options, historyDays: 7 })).kind).toBe("completed");
    const devices = await db.device.findMany({ where: { userId }, orderBy: { lastSyncAt: "desc" } });
    // Ada has a tracker and a scale; which synced last depends on the time of day.
    const tracker = devices.find((device) => device.type === "TRACKER");
    expect(tracker).toMatchObject({ provider: "google-health", deviceVersion: "Charge 6", type: "TRACKER" });
    expect(tracker!.battery).toMatch(/^(High|Medium|Low|Empty)$/);
    expect(tracker!.lastSyncLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect((await getSyncStatus(userId)).lastDeviceSync).toMatchObject({ device: "Charge 6", battery: tracker!.battery });

    const withoutSettings = ["sleep", "health_metrics_and_measurements", "nutrition", "profile"].map(
      (name) => `https://www.googleapis.com/auth/googlehealth.${name}.readonly`,
    );
    const hidden = await connectGooglePerson(world.emulator.url, ADA, { scopes: withoutSettings });
    const before = (await emulatorRequests(world.emulator.url)).byEndpoint["google.pairedDevices"] ?? 0;
    expect((await engine.runSync(hidden, { ...options, historyDays: 7 })).kind).toBe("completed");
    expect((await emulatorRequests(world.emulator.url)).byEndpoint["google.pairedDevices"] ?? 0).toBe(before);
    expect(await db.device.count({ where: { userId: hidden } })).toBe(0);
    expect((await getSyncStatus(hidden)).lastDeviceSync).toBeNull();
    const state = await db.syncState.findFirstOrThrow({ where: { userId: hidden } });
    expect(state.unavailable).toMatchObject({ devices: expect.stringMatching(/Devices was not shared with Nightly on Google's consent page/) });
  }, 240_000);
});
