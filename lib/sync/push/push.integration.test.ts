/**
 * Push end to end below the browser: the emulator's subscriber API creates a subscriber whose
 * endpoint is Nightly's real webhook route (served over HTTP), the handshake runs against it,
 * the emulator records a new night (its clock passes a wake time) and delivers a signed UPSERT,
 * the worker's push queue runs the targeted sync, and the night is in PostgreSQL within seconds
 * with a handful of provider requests (counted by the emulator). Deleting the night at the
 * provider delivers a DELETE that removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOGLE_PEOPLE } from "@/emulator/server";
import { KEYSET_PATH, PROJECT_TOKEN } from "@/emulator/google/webhooks/routes";
import type { Delivery } from "@/emulator/google/webhooks/delivery";
import { connectGooglePerson } from "@/lib/testing/connect-person";
import { serveRoutes } from "@/lib/testing/serve-route";
import { control, emulatorRequests, startSyncTestWorld, type SyncTestWorld } from "../test-support";

const SECRET = "Bearer push-test-secret-0123456789abcdef";
const PATH = "/api/webhooks/google-health";
const ADA = GOOGLE_PEOPLE.find((g) => g.person.encodedId === "7QSTDY")!;
const DAY_MS = 86_400_000;

let world: SyncTestWorld;
let app: { url: string; close(): Promise<void> };
let db: typeof import("@/lib/db/client").db;
let worker: typeof import("@/lib/sync/worker");
let userId: string;

const subscribers = (path = "", init: RequestInit = {}) =>
  fetch(`${world.emulator.url}/v4/projects/100200300400/subscribers${path}`, {
    ...init,
    headers: { authorization: `Bearer ${PROJECT_TOKEN}`, "content-type": "application/json", ...init.headers },
  });

const googleDataRequests = async () =>
  Object.entries((await emulatorRequests(world.emulator.url)).byEndpoint)
    .filter(([name]) => name.startsWith("google.") && !name.startsWith("google.subscribers") && name !== "google.webhooks.keyset")
    .reduce((sum, [, n]) => sum + n, 0);

const deliveries = async () => ((await control(world.emulator.url, "/google/webhooks/deliveries", undefined, "GET")) as { deliveries: Delivery[] }).deliveries;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  world = await startSyncTestWorld();
  process.env.GOOGLE_WEBHOOK_SECRET = SECRET;
  process.env.GOOGLE_WEBHOOK_KEYSET_URL = `${world.emulator.url}${KEYSET_PATH}`;
  db = (await import("@/lib/db/client")).db;
  const route = await import("@/app/api/webhooks/google-health/route");
  app = await serveRoutes({ [PATH]: { POST: route.POST } });
  // Two days ago at noon UTC: Ada has not woken up on the last two mornings yet.
  await control(world.emulator.url, "/clock", { setMs: Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS + 12 * 3_600_000 });
  userId = await connectGooglePerson(world.emulator.url, ADA.person.encodedId);
  const engine = await import("@/lib/sync/engine");
  expect((await engine.runSync(userId, { historyDays: 14, retryBaseMs: 10, provider: "google-health" })).kind).toBe("completed");
  worker = await import("@/lib/sync/worker");
  await worker.startWorker({ concurrency: 1, pollingIntervalSeconds: 1, runOptions: { historyDays: 14, retryBaseMs: 10 } });
}, 120_000);

afterAll(async () => {
  await worker?.stopWorker(5000);
  await app?.close();
  await world?.close();
});

describe("Google Health push", () => {
  it("refuses a subscriber whose endpoint fails the handshake (wrong secret): FAILED_PRECONDITION", async () => {
    const response = await subscribers("?subscriberId=nightly-wrong", {
      method: "POST",
      body: JSON.stringify({
        endpointUri: `${app.url}${PATH}`,
        subscriberConfigs: [{ dataTypes: ["sleep"], subscriptionCreatePolicy: "AUTOMATIC" }],
        endpointAuthorization: { secret: "Bearer not-what-nightly-expects" },
      }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.status).toBe("FAILED_PRECONDITION");
  });

  it("creates a subscriber after the handshake against Nightly's endpoint", async () => {
    const response = await subscribers("?subscriberId=nightly-push", {
      method: "POST",
      body: JSON.stringify({
        endpointUri: `${app.url}${PATH}`,
        subscriberConfigs: [{ dataTypes: ["sleep"], subscriptionCreatePolicy: "AUTOMATIC" }],
        endpointAuthorization: { secret: SECRET },
      }),
    });
    expect(response.status).toBe(200);
    const operation = await response.json();
    expect(operation).toMatchObject({ done: true, response: { name: "projects/100200300400/subscribers/nightly-push", endpointUri: `${app.url}${PATH}` } });
    expect(JSON.stringify(operation)).not.toContain(SECRET);
  });

  it("a new night at the provider is in the database within seconds, with fewer than 5 requests", async () => {
    const nightsBefore = await db.sleepLog.count({ where: { userId } });
    const requestsBefore = await googleDataRequests();
    const started = Date.now();
    const { notified } = (await control(world.emulator.url, "/clock", { advanceSeconds: 86_400 })) as { notified: number };
    expect(notified).toBeGreaterThanOrEqual(1);
    await until("the new night", async () => (await db.sleepLog.count({ where: { userId } })) > nightsBefore);
    const elapsed = Date.now() - started;
    const notification = await until("the push record", () => db.pushNotification.findFirst({ where: { outcome: "synced", operation: "UPSERT" } }));
    expect(notification.userId).toBe(userId);
    expect(elapsed).toBeLessThan(10_000);
    expect((await googleDataRequests()) - requestsBefore).toBeLessThan(5);
    expect((await deliveries()).filter((d) => d.status === "delivered").length).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it("a duplicated delivery and a replay change nothing; a dropped one never arrives", async () => {
    await control(world.emulator.url, "/faults", { kind: "duplicate", endpoint: "google.webhook.delivery", count: 1 });
    const recordsBefore = await db.pushNotification.count();
    const logBefore = (await deliveries()).length;
    await control(world.emulator.url, "/clock", { advanceSeconds: 86_400 });
    await until("both copies delivered", async () => (await deliveries()).slice(logBefore).filter((d) => d.status === "delivered").length >= 2);
    // The two copies are the same signed body: one record, one targeted sync.
    expect(await db.pushNotification.count()).toBe(recordsBefore + 1);
    await until("the sync", () => db.pushNotification.findFirst({ where: { outcome: "queued" } }).then((queued) => !queued));

    await control(world.emulator.url, "/faults", { kind: "drop", endpoint: "google.webhook.delivery", count: 1 });
    const dropped = (await deliveries()).length;
    await control(world.emulator.url, "/clock", { advanceSeconds: 86_400 });
    const log = (await deliveries()).slice(dropped);
    expect(log.map((d) => d.status)).toEqual(["dropped"]);
    expect(await db.pushNotification.count()).toBe(recordsBefore + 1);
  }, 30_000);

  it("a night deleted at the provider is removed by its DELETE notification", async () => {
    const newest = await db.sleepLog.findFirstOrThrow({ where: { userId }, orderBy: { dateOfSleep: "desc" } });
    const date = newest.dateOfSleep.toISOString().slice(0, 10);
    const { deleted } = (await control(world.emulator.url, `/google/users/${ADA.healthUserId}/delete-data`, { dataType: "sleep", date })) as { deleted: number };
    expect(deleted).toBeGreaterThanOrEqual(1);
    await until("the night removed", async () => !(await db.sleepLog.findFirst({ where: { userId, dateOfSleep: newest.dateOfSleep } })));
    // The record is marked after the rows committed.
    await until("the DELETE handled", () => db.pushNotification.findFirst({ where: { operation: "DELETE", outcome: "synced" } }));
  }, 30_000);

  it("while push works the scheduled poll skips recently synced connections; when it stops, polling is back every 15 minutes", async () => {
    const { enqueueActiveUsers } = await import("@/lib/sync/queue");
    const { getSyncStatus } = await import("@/lib/sync/status");
    const { deploymentPushStatus } = await import("@/lib/sync/push/status");
    await db.syncState.updateMany({ where: { userId }, data: { lastSyncCompletedAt: new Date() } });
    expect((await getSyncStatus(userId)).push).toMatchObject({ healthy: true });
    expect(await enqueueActiveUsers()).toBe(0);
    expect((await deploymentPushStatus())[0]).toMatchObject({ providerName: "Google", enabled: true, healthy: true });

    // No notification for two days: push is not healthy, and the poll takes the person again.
    await db.pushNotification.updateMany({ data: { receivedAt: new Date(Date.now() - 2 * DAY_MS) } });
    expect((await getSyncStatus(userId)).push).toMatchObject({ healthy: false });
    expect(await enqueueActiveUsers()).toBe(1);
  });

  it("a revoked consent's DELETE marks the connection as needing consent again and keeps the history", async () => {
    const nights = await db.sleepLog.count({ where: { userId } });
    await control(world.emulator.url, `/users/${ADA.healthUserId}/revoke-tokens?provider=google`);
    const handled = await until("the revocation handled", () =>
      db.pushNotification.findFirst({ where: { operation: "DELETE", outcome: "access_refused" } }),
    );
    expect(handled.userId).toBe(userId);
    expect(await db.providerConnection.findFirstOrThrow({ where: { userId } })).toMatchObject({ status: "NEEDS_RECONSENT" });
    expect(await db.sleepLog.count({ where: { userId } })).toBe(nights);
  }, 30_000);

  it("housekeeping: a record whose job was lost is queued again; records past the retention are pruned", async () => {
    const { requeueStalePush, prunePushNotifications, PUSH_RETENTION_DAYS } = await import("./record");
    const stale = await db.pushNotification.create({
      data: { provider: "google-health", bodyHash: "stale", providerUserId: "1", operation: "UPSERT", dataType: "sleep", intervals: [], receivedAt: new Date(Date.now() - 10 * 60_000) },
    });
    expect(await requeueStalePush()).toBe(1);
    await until("the stale record handled", () => db.pushNotification.findFirst({ where: { id: stale.id, outcome: "unknown_user" } }));
    await db.pushNotification.update({ where: { id: stale.id }, data: { receivedAt: new Date(Date.now() - (PUSH_RETENTION_DAYS + 1) * DAY_MS) } });
    expect(await prunePushNotifications()).toBe(1);
    expect(await db.pushNotification.findUnique({ where: { id: stale.id } })).toBeNull();
  }, 30_000);
});
