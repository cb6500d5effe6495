/**
 * Push health as pages read it (decision 0020): one database read a minute per provider, shared
 * by everyone's sync panel, against a real PostgreSQL; the scheduler's pushHealth stays exact.
 */
import { beforeAll, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "@/lib/testing/test-env";

const DAY_MS = 86_400_000;

let db: typeof import("@/lib/db/client").db;
let status: typeof import("./status");
let google: import("@/lib/providers/types").HealthProvider;

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  Object.assign(process.env, { GOOGLE_WEBHOOK_SECRET: "push-status-test-secret", GOOGLE_WEBHOOK_KEYSET_URL: "http://127.0.0.1:9/keyset.json" });
  db = (await import("@/lib/db/client")).db;
  status = await import("./status");
  google = (await import("@/lib/providers/registry")).providerById("google-health");
});

it("shares one read within a minute and reads again the next minute; pushHealth itself is never stale", async () => {
  const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
  const received = new Date(minuteStart - 3_600_000);
  await db.pushNotification.create({
    data: { provider: "google-health", bodyHash: "a".repeat(64), providerUserId: "h1", operation: "UPSERT", dataType: "sleep", intervals: [], receivedAt: received },
  });
  const first = await status.pushHealthThisMinute(google, minuteStart + 1_000);
  expect(first).toEqual({ enabled: true, healthy: true, lastNotificationAt: received });

  // Two days without a notification: within the same minute pages still see the minute's answer…
  await db.pushNotification.updateMany({ data: { receivedAt: new Date(minuteStart - 2 * DAY_MS) } });
  expect(await status.pushHealthThisMinute(google, minuteStart + 59_000)).toBe(first);
  // …the scheduler's own read sees it at once, and pages do from the next minute.
  expect(await status.pushHealth(google, minuteStart + 59_000)).toMatchObject({ healthy: false });
  expect(await status.pushHealthThisMinute(google, minuteStart + 60_000)).toEqual({
    enabled: true,
    healthy: false,
    lastNotificationAt: new Date(minuteStart - 2 * DAY_MS),
  });
});

it("a provider that cannot push has no push health", async () => {
  const fitbit = (await import("@/lib/providers/registry")).providerById("fitbit");
  expect(await status.pushHealthThisMinute(fitbit)).toBeNull();
});
