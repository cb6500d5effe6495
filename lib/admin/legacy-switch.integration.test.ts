import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPerson, emulatorRequests, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";

/**
 * Issue 9 §1, the admin's side: the deployment-wide "legacy Fitbit API retired" switch retires
 * every legacy connection as a 410 would (nothing deleted, the person asked to update), stops
 * syncs from calling the legacy API, is audited, and turning it off gives back only what it
 * took. "Send the update link again" queues outbox messages, stamps the people and is audited.
 */
const ADA = "7QSTDY";
const RILEY = "9SPRSE";
const options = { historyDays: 10, retryBaseMs: 10 };

let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
let engine: typeof import("@/lib/sync/engine");
let admin: { id: string; role: "ADMIN"; via: "session" };

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
  engine = await import("@/lib/sync/engine");
  const staff = await db.user.create({ data: { name: "Admin", email: "admin@example.com", role: "ADMIN" } });
  admin = { id: staff.id, role: "ADMIN", via: "session" };
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const fitbitRequests = async (personId: string) =>
  Object.entries((await emulatorRequests(world.emulator.url)).byUser[personId] ?? {})
    .filter(([endpoint]) => !endpoint.startsWith("google."))
    .reduce((sum, [, count]) => sum + count, 0);

it("the switch retires every legacy connection like a 410, stops legacy calls, and gives back only what it took", async () => {
  const { setLegacyApiRetired } = await import("./set-legacy-retired");
  const { legacyRetiredSetting, RETIRED_BY_SWITCH_REASON } = await import("@/lib/deployment/legacy-retired");
  const { moveStateOf } = await import("@/lib/connections/move");
  const { moveCounts } = await import("./move-counts");
  const { RETIRED_REASON } = await import("@/lib/connections/connections");

  const ada = await connectPerson(world.emulator.url, ADA);
  const riley = await connectPerson(world.emulator.url, RILEY);
  expect((await engine.runSync(ada, options)).kind).toBe("completed");
  const sleepBefore = await db.sleepLog.count({ where: { userId: ada } });
  expect(sleepBefore).toBeGreaterThan(5);
  // Riley's connection was retired by a real 410 before the switch: it must stay retired after.
  await db.providerConnection.updateMany({ where: { userId: riley }, data: { status: "RETIRED", statusReason: RETIRED_REASON } });
  expect(await legacyRetiredSetting()).toMatchObject({ retired: false, changedAt: null });

  expect(await setLegacyApiRetired(admin, true)).toEqual({ retired: true, connections: 1 });
  expect(await legacyRetiredSetting()).toMatchObject({ retired: true, changedById: admin.id });
  const retired = await db.providerConnection.findFirstOrThrow({ where: { userId: ada } });
  expect(retired).toMatchObject({ status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON, movedAt: null });
  expect(retired.refreshTokenEnc).not.toBeNull(); // nothing deleted
  expect(await db.sleepLog.count({ where: { userId: ada } })).toBe(sleepBefore);
  expect(await moveStateOf(ada)).toMatchObject({ state: "waiting", legacy: "Fitbit", notifiedAt: null });
  expect(await moveCounts()).toMatchObject({ waiting: 2 });

  // A sync does not call the legacy API any more (the emulator still answers: only the switch says no).
  const before = await fitbitRequests(ADA);
  expect(await engine.runSync(ada, options)).toMatchObject({ kind: "stopped" });
  expect(await fitbitRequests(ADA)).toBe(before);

  // A Fitbit connection that appears while the switch is on is retired at its first sync, unasked.
  const dana = await connectPerson(world.emulator.url, "6DSTNY");
  const danaBefore = await fitbitRequests("6DSTNY");
  expect(await engine.runSync(dana, options)).toMatchObject({ kind: "stopped" });
  expect(await fitbitRequests("6DSTNY")).toBe(danaBefore);
  expect(await db.providerConnection.findFirstOrThrow({ where: { userId: dana } })).toMatchObject({ status: "RETIRED", statusReason: RETIRED_BY_SWITCH_REASON });

  // Off: the connections the switch retired sync again; the one Fitbit answered 410 for stays retired.
  expect(await setLegacyApiRetired(admin, false)).toEqual({ retired: false, connections: 2 });
  expect(await db.providerConnection.findFirstOrThrow({ where: { userId: ada } })).toMatchObject({ status: "ACTIVE", statusReason: null });
  expect(await db.providerConnection.findFirstOrThrow({ where: { userId: riley } })).toMatchObject({ status: "RETIRED", statusReason: RETIRED_REASON });
  expect((await engine.runSync(ada, options)).kind).toBe("completed");
  expect(await fitbitRequests(ADA)).toBeGreaterThan(before);

  const audit = await db.auditLog.findMany({ where: { action: "deployment.legacy_retired" }, orderBy: { id: "asc" } });
  expect(audit.map((entry) => [entry.actorId, entry.details])).toEqual([
    [admin.id, { retired: true, connections: 1 }],
    [admin.id, { retired: false, connections: 2 }],
  ]);
}, 180_000);

it("sending the update link again queues one outbox message per waiting person, stamps them and audits it", async () => {
  const { notifyWaiting, MOVE_UPDATE_KIND } = await import("./notify-move");
  const { setLegacyApiRetired } = await import("./set-legacy-retired");
  const { moveStateOf } = await import("@/lib/connections/move");
  await db.outboxMessage.deleteMany();
  await setLegacyApiRetired(admin, true);
  const waiting = await db.providerConnection.findMany({ where: { provider: "fitbit", status: "RETIRED", movedAt: null }, select: { userId: true } });
  expect(waiting.length).toBe(3);
  const [first] = waiting;

  expect(await notifyWaiting(admin, first!.userId)).toEqual({ notified: 1 });
  const one = await db.outboxMessage.findMany({ where: { kind: MOVE_UPDATE_KIND } });
  expect(one).toHaveLength(1);
  expect(one[0]).toMatchObject({ userId: first!.userId, toAddress: null, subject: "Update your Nightly connection", sentAt: null });
  expect(one[0]!.body).toContain("/update-connection");
  const state = await moveStateOf(first!.userId);
  expect(state.state === "waiting" && state.notifiedAt).toBeInstanceOf(Date);

  expect(await notifyWaiting(admin)).toEqual({ notified: 3 });
  expect(await db.outboxMessage.count({ where: { kind: MOVE_UPDATE_KIND } })).toBe(4);
  expect(await db.providerConnection.count({ where: { provider: "fitbit", status: "RETIRED", moveNotifiedAt: null } })).toBe(0);
  expect(await db.auditLog.count({ where: { action: "move.notify", actorId: admin.id } })).toBe(4);

  // Someone not waiting cannot be "asked again"; nothing is queued.
  await expect(notifyWaiting(admin, admin.id)).rejects.toMatchObject({ status: 409 });
  expect(await db.outboxMessage.count()).toBe(4);
  await setLegacyApiRetired(admin, false);
}, 120_000);
