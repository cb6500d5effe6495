/**
 * An administrator revokes a person's access, against a real PostgreSQL (pg-boss included) and
 * the emulator over HTTP: the grant dies at the provider, tokens and sessions are gone, queued
 * and scheduled syncs are cancelled, API tokens stop working, data kept or deleted as chosen.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, startEmulator, type RunningEmulator } from "../../emulator/server";
import { connectPerson } from "../testing/connect-person";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let emulator: RunningEmulator;
let emulatorClosed = false;
let db: typeof import("../db/client").db;
let revoke: typeof import("./revoke-access");
let queue: typeof import("../sync/queue");
let ended: typeof import("../auth/ended-session");

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT], googleClients: [DEFAULT_GOOGLE_CLIENT] });
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: emulator.url });
  db = (await import("../db/client")).db;
  revoke = await import("./revoke-access");
  queue = await import("../sync/queue");
  ended = await import("../auth/ended-session");
});

afterAll(async () => {
  await (await import("../jobs/boss")).stopBoss(5_000);
  await db?.$disconnect();
  if (!emulatorClosed) await emulator?.close();
});

async function emulatorTokens(personId: string) {
  const response = await fetch(`${emulator.url}/__emulator/users/${personId}/tokens`);
  return (await response.json()) as { activeAccessTokens: number; activeRefreshTokens: number; revokedAt: number | null };
}

async function admin() {
  const user = await db.user.create({ data: { name: "Alan Admin", email: `alan-${randomBytes(3).toString("hex")}@example.org`, role: "ADMIN" } });
  return { id: user.id, role: "ADMIN" as const, via: "session" as const };
}

async function withEverything(personId: string) {
  const userId = await connectPerson(emulator.url, personId);
  const sessions = [randomBytes(16).toString("hex"), randomBytes(16).toString("hex")];
  for (const sessionToken of sessions) await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
  await db.apiToken.create({ data: { userId, name: "laptop", prefix: "nt_x", tokenHash: randomBytes(16).toString("hex") } });
  await db.hrvDaily.create({ data: { userId, provider: "fitbit", date: new Date("2026-03-01T00:00:00Z"), dailyRmssd: 41 } });
  const queued = await queue.enqueueSync(userId, "manual");
  // A back-off: the same person's job scheduled for later (a second singleton key, another provider slot).
  const scheduled = await queue.enqueueSync(userId, "resume", { provider: "google-health", startAfter: new Date(Date.now() + 3_600_000) });
  return { userId, sessions, jobIds: [queued, scheduled].filter((id): id is string => id !== null) };
}

async function jobStates(ids: string[]) {
  return db.$queryRaw<{ state: string }[]>`SELECT state::text AS state FROM pgboss.job WHERE id::text = ANY(${ids})`;
}

describe("revoke access (admin)", () => {
  it("revokes at the provider, deletes tokens, ends sessions, cancels queued and scheduled syncs, keeps the data, audits", async () => {
    const alan = await admin();
    const { userId, sessions, jobIds } = await withEverything("8SHFTW");
    expect(jobIds).toHaveLength(2);
    expect((await emulatorTokens("8SHFTW")).activeRefreshTokens).toBeGreaterThan(0);

    const result = await revoke.revokeAccess(alan, userId, "keep");

    expect(result).toMatchObject({ providers: [{ provider: "fitbit", outcome: "revoked" }], sessionsEnded: 2, jobsCancelled: 2, apiTokensRevoked: 1, rowsDeleted: null });
    const atProvider = await emulatorTokens("8SHFTW");
    expect(atProvider).toMatchObject({ activeAccessTokens: 0, activeRefreshTokens: 0 });
    expect(atProvider.revokedAt).not.toBeNull();
    expect(await db.providerConnection.findMany({ where: { userId }, select: { status: true, accessTokenEnc: true, refreshTokenEnc: true, statusReason: true } })).toEqual([
      { status: "REVOKED", accessTokenEnc: null, refreshTokenEnc: null, statusReason: revoke.REVOKED_BY_ADMIN_REASON },
    ]);
    expect(await db.session.count({ where: { userId } })).toBe(0);
    const endedRows = await db.endedSession.findMany({ where: { userId }, orderBy: { tokenHash: "asc" } });
    expect(endedRows.map((row) => row.tokenHash).sort()).toEqual(sessions.map(ended.sessionTokenHash).sort());
    expect(endedRows.every((row) => row.reason === "access_revoked_data_kept")).toBe(true);
    expect(endedRows.some((row) => sessions.includes(row.tokenHash))).toBe(false); // never the token itself
    expect((await jobStates(jobIds)).map((job) => job.state)).toEqual(["cancelled", "cancelled"]);
    expect(await db.apiToken.count({ where: { userId, revokedAt: null } })).toBe(0);
    expect(await db.hrvDaily.count({ where: { userId } })).toBe(1);
    const [entry] = await db.auditLog.findMany({ where: { action: "access.revoke", subjectUserId: userId } });
    expect(entry).toMatchObject({ actorId: alan.id, outcome: "ok", details: { data: "keep", sessionsEnded: 2, jobsCancelled: 2 } });
    // The schedule only queues ACTIVE connections: nothing comes back for this person.
    await queue.enqueueActiveUsers();
    const requeued = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${queue.SYNC_QUEUE} AND state IN ('created','retry') AND data->>'userId' = ${userId}`;
    expect(requeued[0]!.n).toBe(0);
  });

  it("deletes the synced data when the admin chooses to, and keeps the person's account", async () => {
    const alan = await admin();
    const { userId } = await withEverything("9SPRSE");
    const result = await revoke.revokeAccess(alan, userId, "delete");
    expect(result.rowsDeleted).toBeGreaterThanOrEqual(1);
    expect(await db.hrvDaily.count({ where: { userId } })).toBe(0);
    expect(await db.syncState.count({ where: { userId } })).toBe(0);
    expect(await db.user.count({ where: { id: userId } })).toBe(1);
    expect((await db.endedSession.findMany({ where: { userId } })).every((row) => row.reason === "access_revoked_data_deleted")).toBe(true);
  });

  it("security: an admin cannot revoke their own access, and nothing changes", async () => {
    const alan = await admin();
    await expect(revoke.revokeAccess(alan, alan.id, "keep")).rejects.toMatchObject({ status: 409 });
    expect(await db.auditLog.count({ where: { action: "access.revoke", actorId: alan.id } })).toBe(0);
  });
  // Last: it stops the emulator (a provider that is down, not a mocked failure).
  it("still deletes locally, and says so, when the provider cannot be reached", async () => {
    const alan = await admin();
    const { userId } = await withEverything("6DSTNY");
    await emulator.close();
    emulatorClosed = true;
    const result = await revoke.revokeAccess(alan, userId, "keep");
    expect(result.providers).toEqual([{ provider: "fitbit", name: "Fitbit", outcome: "revoked_locally" }]);
    expect(await db.providerConnection.count({ where: { userId, refreshTokenEnc: { not: null } } })).toBe(0);
    expect(await db.session.count({ where: { userId } })).toBe(0);
  });
});
