/**
 * The token manager against a real PostgreSQL and the emulator over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "../../emulator/server";
import { connectPerson } from "../testing/connect-person";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let emulator: RunningEmulator;
let modules: {
  db: typeof import("../db/client").db;
  tokens: typeof import("./token-manager");
  oauth: typeof import("../providers/fitbit/oauth-client");
  crypto: typeof import("../crypto/tokens");
};


async function control(path: string, body: unknown = {}) {
  const response = await fetch(`${emulator.url}/__emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

async function refreshRequests(): Promise<number> {
  const counters = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { byEndpoint: Record<string, number> };
  return counters.byEndpoint["oauth.token.refresh_token"] ?? 0;
}

function connectedUser(personId: string) {
  return connectPerson(emulator.url, personId);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT] });
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: emulator.url });
  modules = {
    db: (await import("../db/client")).db,
    tokens: await import("./token-manager"),
    oauth: await import("../providers/fitbit/oauth-client"),
    crypto: await import("../crypto/tokens"),
  };
});

afterAll(async () => {
  await modules?.db.$disconnect();
  await emulator?.close();
});

describe("token manager", () => {
  it("hands out the stored token while it is fresh, without calling Fitbit", async () => {
    const userId = await connectedUser("7QSTDY");
    const before = await refreshRequests();
    const grant = await modules.tokens.getAccessToken(userId);
    expect(grant.accessToken.length).toBeGreaterThan(20);
    expect(await refreshRequests()).toBe(before);
  });

  it("refreshes exactly once for 20 concurrent callers whose token was rejected", async () => {
    const userId = await connectedUser("8SHFTW");
    const stale = await modules.tokens.getAccessToken(userId);
    await control("/users/8SHFTW/expire-access-tokens");
    const before = await refreshRequests();
    const grants = await Promise.all(Array.from({ length: 20 }, () => modules.tokens.refreshAfterRejection(stale)));
    expect(await refreshRequests()).toBe(before + 1);
    expect(new Set(grants.map((grant) => grant.accessToken)).size).toBe(1);
    expect(grants[0]!.accessToken).not.toBe(stale.accessToken);
    const row = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    expect(row.refreshCount).toBe(1);
    expect(row.tokenVersion).toBe(stale.version + 1);
  });

  it("refreshes ahead of expiry when the stored expiry is near", async () => {
    const userId = await connectedUser("9SPRSE");
    await modules.db.providerConnection.updateMany({ where: { userId }, data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) } });
    const before = await refreshRequests();
    await Promise.all(Array.from({ length: 5 }, () => modules.tokens.getAccessToken(userId)));
    expect(await refreshRequests()).toBe(before + 1);
    const row = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
  });

  it("recovers the rotated pair if a process died after Fitbit answered (2-minute replay)", async () => {
    const userId = await connectedUser("6DSTNY");
    const row = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    const oldRefresh = modules.crypto.openToken(row.refreshTokenEnc!, row.id, "refresh");
    // A refresh whose answer was never stored (the process crashed before COMMIT):
    const lost = await modules.oauth.refreshFitbitToken(oldRefresh);
    const stale = await modules.tokens.getAccessToken(userId);
    const recovered = await modules.tokens.refreshAfterRejection(stale);
    expect(recovered.accessToken).toBe(lost.access_token);
    const after = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    expect(modules.crypto.openToken(after.refreshTokenEnc!, after.id, "refresh")).toBe(lost.refresh_token);
  });

  it("keeps the connection when Fitbit's token endpoint fails transiently", async () => {
    const userId = await connectedUser("7QSTDY");
    const stale = await modules.tokens.getAccessToken(userId);
    await control("/faults", { kind: "500", endpoint: "oauth.token", count: 1 });
    await expect(modules.tokens.refreshAfterRejection(stale)).rejects.toMatchObject({ code: "provider_unavailable" });
    const row = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    expect(row.status).toBe("ACTIVE");
    const grant = await modules.tokens.refreshAfterRejection(stale);
    expect(grant.version).toBe(stale.version + 1);
  });

  it("puts the connection in NEEDS_RECONSENT on invalid_grant, and RETIRED on 410", async () => {
    const userId = await connectedUser("9SPRSE");
    const row = await modules.db.providerConnection.findFirstOrThrow({ where: { userId } });
    await modules.oauth.revokeFitbitToken(modules.crypto.openToken(row.refreshTokenEnc!, row.id, "refresh"));
    const stale = await modules.tokens.getAccessToken(userId);
    await expect(modules.tokens.refreshAfterRejection(stale)).rejects.toMatchObject({ code: "needs_reconsent" });
    expect((await modules.db.providerConnection.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("NEEDS_RECONSENT");
    await expect(modules.tokens.getAccessToken(userId)).rejects.toMatchObject({ code: "needs_reconsent" });

    const retiredUser = await connectedUser("8SHFTW");
    const retiredGrant = await modules.tokens.getAccessToken(retiredUser);
    await control("/retired", { retired: true });
    try {
      await expect(modules.tokens.refreshAfterRejection(retiredGrant)).rejects.toMatchObject({ code: "provider_retired" });
    } finally {
      await control("/retired", { retired: false });
    }
    expect((await modules.db.providerConnection.findFirstOrThrow({ where: { userId: retiredUser } })).status).toBe("RETIRED");
  });
});
