/**
 * security: the Google Health webhook endpoint over real HTTP, on a real PostgreSQL, with
 * signatures made by the emulator's own P-256 key and the keyset fetched from the emulator's
 * keyset URL. A refused request records nothing and queues nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOGLE_PEOPLE } from "@/emulator/server";
import { KEYSET_PATH } from "@/emulator/google/webhooks/routes";
import { startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";
import { serveRoutes } from "@/lib/testing/serve-route";

const SECRET = "Bearer webhook-secret-for-tests-0123456789";
const PATH = "/api/webhooks/google-health";
const ADA = GOOGLE_PEOPLE.find((g) => g.person.encodedId === "7QSTDY")!;

let world: SyncTestWorld;
let app: { url: string; close(): Promise<void> };
let db: typeof import("@/lib/db/client").db;
let handlePushJob: typeof import("@/lib/sync/push/process").handlePushJob;

function notification(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    data: {
      version: "1",
      clientProvidedSubscriptionName: "nightly",
      healthUserId: ADA.healthUserId,
      operation: "UPSERT",
      dataType: "sleep",
      intervals: [
        {
          physicalTimeInterval: { startTime: "2026-03-07T23:10:00Z", endTime: "2026-03-08T06:40:00Z" },
          civilIso8601TimeInterval: { startTime: "2026-03-07T23:10:00", endTime: "2026-03-08T06:40:00" },
        },
      ],
      ...overrides,
    },
  });
}

const sign = (body: string) => world.emulator.state.google.webhooks.signer.sign(body);

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(`${app.url}${PATH}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: response.status, text: await response.text() };
}

const recorded = () => db.pushNotification.count();
const queuedJobs = async () =>
  Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'sync-push'`))[0]!.n);

beforeAll(async () => {
  world = await startSyncTestWorld();
  process.env.GOOGLE_WEBHOOK_SECRET = SECRET;
  process.env.GOOGLE_WEBHOOK_KEYSET_URL = `${world.emulator.url}${KEYSET_PATH}`;
  db = (await import("@/lib/db/client")).db;
  ({ handlePushJob } = await import("@/lib/sync/push/process"));
  await (await import("@/lib/jobs/boss")).getBoss(); // creates the queue tables counted below
  const route = await import("@/app/api/webhooks/google-health/route");
  app = await serveRoutes({ [PATH]: { POST: route.POST } });
}, 60_000);
afterAll(async () => {
  await app?.close();
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss(1000);
  await world?.close();
});

describe("Google Health webhook endpoint", () => {
  it("answers the verification handshake with the secret (200), and 401/403 without or with a wrong one", async () => {
    const handshake = JSON.stringify({ type: "verification" });
    expect((await post(handshake, { authorization: SECRET })).status).toBe(200);
    expect((await post(JSON.stringify([{ type: "verification" }]), { authorization: SECRET })).status).toBe(200);
    expect((await post(handshake, {})).status).toBe(401);
    expect((await post(handshake, { authorization: "Bearer not-the-secret" })).status).toBe(403);
    expect(await recorded()).toBe(0);
  });

  it("records a signed notification, answers 204 and queues one job; the same body again changes nothing", async () => {
    const body = notification();
    const headers = { authorization: SECRET, "x-healthapi-signature": sign(body) };
    const [records, jobs] = [await recorded(), await queuedJobs()];
    expect((await post(body, headers)).status).toBe(204);
    expect(await recorded()).toBe(records + 1);
    expect(await queuedJobs()).toBe(jobs + 1);
    const row = await db.pushNotification.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
    expect(row).toMatchObject({ providerUserId: ADA.healthUserId, operation: "UPSERT", dataType: "sleep", outcome: "queued" });

    // security: a replayed body (same bytes, same valid signature) is answered but changes nothing.
    expect((await post(body, headers)).status).toBe(204);
    expect(await recorded()).toBe(records + 1);
    expect(await queuedJobs()).toBe(jobs + 1);
  });

  it("security: a forged signature, a missing one and a wrong secret change nothing", async () => {
    const body = notification({ dataType: "daily-heart-rate-variability" });
    const before = [await recorded(), await queuedJobs()];
    const otherBody = notification({ dataType: "nutrition-log" });
    // A real signature, but of another body.
    expect((await post(body, { authorization: SECRET, "x-healthapi-signature": sign(otherBody) })).status).toBe(401);
    // The right key id prefix with garbage after it.
    const forged = Buffer.concat([Buffer.from(sign(body), "base64").subarray(0, 5), Buffer.alloc(70, 7)]).toString("base64");
    expect((await post(body, { authorization: SECRET, "x-healthapi-signature": forged })).status).toBe(401);
    expect((await post(body, { authorization: SECRET })).status).toBe(401);
    expect((await post(body, { authorization: SECRET, "x-healthapi-signature": "%%%" })).status).toBe(401);
    expect((await post(body, { authorization: "Bearer wrong", "x-healthapi-signature": sign(body) })).status).toBe(403);
    expect((await post(body, { "x-healthapi-signature": sign(body) })).status).toBe(401);
    expect([await recorded(), await queuedJobs()]).toEqual(before);
  });

  it("refuses a signed body that is not a valid notification with 400 and records nothing", async () => {
    const before = await recorded();
    const bad = [
      "not json",
      notification({ healthUserId: "" }),
      notification({ operation: "MERGE" }),
      notification({ intervals: [] }),
      notification({ intervals: [{ civilIso8601TimeInterval: { startTime: "2026-02-30T01:00:00", endTime: "2026-03-01T01:00:00" } }] }),
      notification({ intervals: [{ physicalTimeInterval: { startTime: "2026-03-08T06:40:00Z", endTime: "2026-03-07T23:10:00Z" } }] }),
      notification({ dataType: "Sleep Data" }),
    ];
    for (const body of bad) {
      const answer = await post(body, { authorization: SECRET, "x-healthapi-signature": sign(body) });
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.text).error.code).toBe("bad_request");
    }
    expect(await recorded()).toBe(before);
  });

  it("verifies with a rotated key after fetching the keyset once more", async () => {
    world.emulator.state.google.webhooks.signer.rotate();
    const body = notification({ dataType: "hydration-log" });
    expect((await post(body, { authorization: SECRET, "x-healthapi-signature": sign(body) })).status).toBe(204);
  });

  it("records a notification for someone Nightly does not know and drops it", async () => {
    const body = notification({ healthUserId: "9999999999999999999" });
    expect((await post(body, { authorization: SECRET, "x-healthapi-signature": sign(body) })).status).toBe(204);
    const row = await db.pushNotification.findFirstOrThrow({ where: { providerUserId: "9999999999999999999" } });
    const users = await db.user.count();
    const requests = world.emulator.state.counters.snapshot().total;
    expect(await handlePushJob({ notificationId: row.id })).toBe("unknown_user");
    expect(await db.pushNotification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ outcome: "unknown_user", userId: null });
    expect(await db.user.count()).toBe(users);
    expect(world.emulator.state.counters.snapshot().total).toBe(requests);
    // Handled once: a second job for it does nothing.
    expect(await handlePushJob({ notificationId: row.id })).toBe("done_before");
  });
});
