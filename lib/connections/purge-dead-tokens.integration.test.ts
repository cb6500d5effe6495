/** Dead connections drop their encrypted tokens after DEAD_CONNECTION_TOKEN_DAYS (issue 6 §6). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPerson, startSyncTestWorld, type SyncTestWorld } from "@/lib/sync/test-support";

let world: SyncTestWorld;
let db: typeof import("@/lib/db/client").db;

beforeAll(async () => {
  world = await startSyncTestWorld();
  db = (await import("@/lib/db/client")).db;
});

afterAll(async () => {
  await db?.$disconnect();
  await world?.close();
});

describe("dead connections' tokens", () => {
  it("are dropped once the connection has been dead longer than the set time; live ones are kept", async () => {
    const { purgeDeadConnectionTokens } = await import("./purge-dead-tokens");
    const [reconsent, retired, active, recentlyDead] = [
      await connectPerson(world.emulator.url, "7QSTDY"),
      await connectPerson(world.emulator.url, "8SHFTW"),
      await connectPerson(world.emulator.url, "9SPRSE"),
      await connectPerson(world.emulator.url, "6DSTNY"),
    ];
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    // updatedAt is @updatedAt: set the "died" moment with SQL, as if it happened 40 days ago.
    await db.$executeRaw`UPDATE "ProviderConnection" SET status = 'NEEDS_RECONSENT', "updatedAt" = ${longAgo} WHERE "userId" = ${reconsent}`;
    await db.$executeRaw`UPDATE "ProviderConnection" SET status = 'RETIRED', "updatedAt" = ${longAgo} WHERE "userId" = ${retired}`;
    await db.$executeRaw`UPDATE "ProviderConnection" SET "updatedAt" = ${longAgo} WHERE "userId" = ${active}`;
    await db.providerConnection.updateMany({ where: { userId: recentlyDead }, data: { status: "NEEDS_RECONSENT" } });

    expect(await purgeDeadConnectionTokens(new Date(), 30)).toBe(2);
    const tokens = async (userId: string) => {
      const row = await db.providerConnection.findFirstOrThrow({ where: { userId } });
      return [row.accessTokenEnc !== null, row.refreshTokenEnc !== null, row.status];
    };
    expect(await tokens(reconsent)).toEqual([false, false, "NEEDS_RECONSENT"]);
    expect(await tokens(retired)).toEqual([false, false, "RETIRED"]);
    expect(await tokens(active)).toEqual([true, true, "ACTIVE"]);
    expect(await tokens(recentlyDead)).toEqual([true, true, "NEEDS_RECONSENT"]);
    // Idempotent; and with 0 days the recently dead one goes too.
    expect(await purgeDeadConnectionTokens(new Date(), 30)).toBe(0);
    expect(await purgeDeadConnectionTokens(new Date(Date.now() + 1000), 0)).toBe(1);
    expect(await tokens(recentlyDead)).toEqual([false, false, "NEEDS_RECONSENT"]);
  });
});
