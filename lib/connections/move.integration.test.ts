import { afterAll, beforeAll, expect, it } from "vitest";
import { connectGooglePerson, connectPerson } from "@/lib/testing/connect-person";
import { control, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";

/**
 * Issue 9 §1 below the browser: a Fitbit participant whose legacy API answers 410 is waiting to
 * move; a Google identity joins them only when its legacyUserId is their Fitbit id; the move
 * retires the legacy connection (tokens gone, audited) and keeps its history; after Google's
 * sync every night is shown once, with the same values as before the move.
 */
const ADA = "7QSTDY";
const SAM = "8SHFTW";
const options = { historyDays: 30, retryBaseMs: 10 };
const GOOGLE = "google-health";

let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;
let move: typeof import("./move");
let engine: typeof import("@/lib/sync/engine");

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
  move = await import("./move");
  engine = await import("@/lib/sync/engine");
}, 120_000);
afterAll(async () => {
  await control(world.emulator.url, "/retired", { retired: false });
  await world?.close();
});

async function nights(userId: string) {
  const { authorizeSelf } = await import("@/lib/authz/authorize");
  const { getSleepNights } = await import("@/lib/queries/sleep-nights");
  const subject = authorizeSelf({ id: userId, role: "PARTICIPANT", via: "session" });
  const result = await getSleepNights(subject, { from: "2000-01-01", to: "2099-12-31" });
  return result.nights.filter((night) => night.minutesAsleep !== null).map((night) => [night.date, night.minutesAsleep]);
}

it("joins only the Google identity that names the participant's Fitbit account, and no night is lost or doubled", async () => {
  const userId = await connectPerson(world.emulator.url, ADA);
  expect((await engine.runSync(userId, options)).kind).toBe("completed");
  const before = await nights(userId);
  expect(before.length).toBeGreaterThan(20);
  expect(await move.moveStateOf(userId)).toEqual({ state: "none" });

  await control(world.emulator.url, "/retired", { retired: true });
  expect((await engine.runSync(userId, options)).kind).toBe("stopped");
  expect(await move.moveStateOf(userId)).toMatchObject({ state: "waiting", legacy: "Fitbit", successor: { id: GOOGLE, name: "Google" } });
  // History stays on the charts while the connection waits.
  expect(await nights(userId)).toEqual(before);

  const { moveCounts } = await import("@/lib/admin/move-counts");
  expect(await moveCounts()).toEqual({ moved: 0, waiting: 1, mismatched: 0 });
  // What the sign-in callback records when Ada first picks a Google account of someone else.
  const { recordAudit } = await import("@/lib/audit/record");
  await recordAudit({ action: "signin.refused", outcome: "refused", actorId: userId, subjectUserId: userId, target: GOOGLE, details: { reason: "move_mismatch" } });
  expect(await moveCounts()).toEqual({ moved: 0, waiting: 1, mismatched: 1 });

  expect(await move.checkMove(userId, GOOGLE, ADA)).toBe("match");
  expect(await move.checkMove(userId, GOOGLE, SAM)).toBe("mismatch");
  expect(await move.checkMove(userId, GOOGLE, "")).toBe("no_legacy");
  expect(await move.checkMove(userId, "fitbit", ADA)).toBe("not_applicable");
  expect(await move.participantByLegacyId(ADA)).toBe(userId);
  expect(await move.participantByLegacyId("")).toBeNull();

  await connectGooglePerson(world.emulator.url, ADA, { userId });
  expect(await move.completeMove(userId, GOOGLE)).toBe("moved");
  expect(await move.completeMove(userId, GOOGLE)).toBe("nothing_to_move"); // idempotent
  const legacy = await db.providerConnection.findFirstOrThrow({ where: { userId, provider: "fitbit" } });
  expect(legacy).toMatchObject({ status: "RETIRED", accessTokenEnc: null, refreshTokenEnc: null, statusReason: "Moved to Google." });
  expect(legacy.movedAt).not.toBeNull();
  expect(await db.auditLog.count({ where: { action: "connection.move", subjectUserId: userId } })).toBe(1);
  expect(await move.moveStateOf(userId)).toMatchObject({ state: "moved" });
  expect(await moveCounts()).toEqual({ moved: 1, waiting: 0, mismatched: 0 });

  // Google's sync brings the same nights in; precedence shows each once, values unchanged.
  expect((await engine.runSync(userId, { ...options, provider: GOOGLE })).kind).toBe("completed");
  const googleNights = await db.sleepLog.count({ where: { userId, provider: GOOGLE, isMainSleep: true } });
  expect(googleNights).toBeGreaterThan(20);
  const after = await nights(userId);
  expect(new Set(after.map(([date]) => date)).size).toBe(after.length);
  expect(after).toEqual(before);
}, 240_000);

it("a person with no legacy connection is not affected by the move rules", async () => {
  const userId = await connectGooglePerson(world.emulator.url, SAM);
  expect(await move.checkMove(userId, GOOGLE, SAM)).toBe("not_applicable");
  expect(await move.moveStateOf(userId)).toEqual({ state: "none" });
  expect(await move.completeMove(userId, GOOGLE)).toBe("nothing_to_move");
});
