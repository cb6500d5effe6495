/**
 * "Delete my data" (issue 6 §6) against a real PostgreSQL and the emulator over HTTP: revoked at
 * the provider first, then the person and everything that references them gone, nothing orphaned.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPerson, emulatorRequests, rowCounts, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";

const ADA = "7QSTDY";
const SAM = "8SHFTW";
let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;

/** Rows per table that reference a user id which no longer exists. */
async function orphans(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'userId'`,
    );
    const out: Record<string, number> = {};
    for (const { table_name } of rows) {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${table_name}" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = t."userId")`,
      );
      out[table_name] = Number(result.rows[0]!.n);
    }
    return out;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
});

afterAll(async () => {
  await db?.$disconnect();
  await world?.close();
});

describe("Delete my data", () => {
  it("revokes at the provider, then deletes health data, tokens, sessions and the account; others untouched", async () => {
    const { runSync } = await import("@/lib/sync/engine");
    const { deleteAccount } = await import("./delete-account");
    const { openToken } = await import("@/lib/crypto/tokens");
    const ada = await connectPerson(world.emulator.url, ADA);
    const sam = await connectPerson(world.emulator.url, SAM);
    for (const userId of [ada, sam]) {
      expect((await runSync(userId, { historyDays: 14, retryBaseMs: 10 })).kind).toBe("completed");
      await db.session.create({ data: { userId, sessionToken: `session-${userId}`, expires: new Date(Date.now() + 86_400_000) } });
      await db.syncError.create({ data: { userId, provider: "fitbit", metric: "sleep", path: "/x", kind: "test", message: "kept until deletion", fingerprint: "kept" } });
    }
    const before = await rowCounts(ada);
    expect(before.sleep).toBeGreaterThan(5);
    expect(before.hrv).toBeGreaterThan(5);
    expect(before.nutrition).toBeGreaterThan(5);
    const samBefore = await rowCounts(sam);
    const connection = await db.providerConnection.findUniqueOrThrow({ where: { userId_provider: { userId: ada, provider: "fitbit" } } });
    const accessToken = openToken(connection.accessTokenEnc!, connection.id, "access");
    const revokes = (await emulatorRequests(world.emulator.url)).byEndpoint["oauth.revoke"] ?? 0;

    expect(await deleteAccount(ada)).toEqual({ outcome: "revoked" });

    // Revoked at Fitbit: the emulator saw the revoke and no longer accepts the token.
    expect((await emulatorRequests(world.emulator.url)).byEndpoint["oauth.revoke"]).toBe(revokes + 1);
    const probe = await fetch(`${world.emulator.url}/1/user/-/profile.json`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(probe.status).toBe(401);
    // Everything of Ada's is gone; nothing anywhere points at a missing person.
    expect(await rowCounts(ada)).toEqual({ sleep: 0, hrv: 0, hrvIntraday: 0, br: 0, nutrition: 0, foodEntries: 0, devices: 0, foodDaysFetched: 0 });
    expect(await db.user.findUnique({ where: { id: ada } })).toBeNull();
    expect(await db.providerConnection.count({ where: { userId: ada } })).toBe(0);
    expect(await db.session.count({ where: { userId: ada } })).toBe(0);
    expect(await db.account.count({ where: { userId: ada } })).toBe(0);
    expect(await db.syncState.count({ where: { userId: ada } })).toBe(0);
    expect(await db.syncError.count({ where: { userId: ada } })).toBe(0);
    expect(Object.values(await orphans(world.databaseUrl)).every((n) => n === 0)).toBe(true);
    // Sam keeps everything.
    expect(await rowCounts(sam)).toEqual(samBefore);
    expect(await db.session.count({ where: { userId: sam } })).toBe(1);
  }, 400_000);

  it("still deletes everything when the grant cannot be revoked at the provider, and says so", async () => {
    const { deleteAccount } = await import("./delete-account");
    const userId = await connectPerson(world.emulator.url, ADA);
    // A token no configured key opens (e.g. its key was removed too early): revocation is impossible.
    await db.providerConnection.updateMany({ where: { userId }, data: { refreshTokenEnc: "v1.gone.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA" } });
    expect(await deleteAccount(userId)).toEqual({ outcome: "revoked_locally" });
    expect(await db.user.findUnique({ where: { id: userId } })).toBeNull();
    expect(await db.providerConnection.count({ where: { userId } })).toBe(0);
  });

  it("a health row for a person who does not exist is refused by the database", async () => {
    await expect(
      db.hrvDaily.create({ data: { userId: "no-such-person", provider: "fitbit", date: new Date("2026-03-01T00:00:00Z"), dailyRmssd: 30 } }),
    ).rejects.toThrow();
  });
});
