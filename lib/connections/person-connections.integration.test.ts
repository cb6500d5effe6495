/**
 * The per-render shared reads of a person's page (decision 0020) against a real PostgreSQL: the
 * connections the dashboard decides its provider, panel and move notice from, and the rule that
 * picks the provider from them, by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let db: typeof import("../db/client").db;
let shared: typeof import("./person-connections");
let choice: typeof import("../sync/connection-choice");
let profile: typeof import("../queries/person-profile");
let syncState: typeof import("../sync/person-sync-state");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  shared = await import("./person-connections");
  choice = await import("../sync/connection-choice");
  profile = await import("../queries/person-profile");
  syncState = await import("../sync/person-sync-state");
});

it("reads only the person's own connections, and picks the live one first by precedence", async () => {
  const ada = await db.user.create({ data: { name: "Ada", timezone: "Europe/London", unitSystem: "UK", memberSince: "2024-02-03", utcOffsetMs: 0 } });
  const other = await db.user.create({ data: { name: "Other" } });
  const moved = new Date("2026-11-02T10:00:00Z");
  await db.providerConnection.create({
    data: { userId: ada.id, provider: "fitbit", providerUserId: "ADA1", status: "RETIRED", statusReason: "Moved to Google.", grantedScopes: ["sleep"], movedAt: moved },
  });
  await db.providerConnection.create({ data: { userId: ada.id, provider: "google-health", providerUserId: "g-ada", grantedScopes: ["sleep", "heartrate"] } });
  await db.providerConnection.create({ data: { userId: other.id, provider: "fitbit", providerUserId: "OTHER1", grantedScopes: ["nutrition"] } });

  const connections = [...(await shared.personConnections(ada.id))].sort((a, b) => a.provider.localeCompare(b.provider));
  expect(connections).toEqual([
    { provider: "fitbit", status: "RETIRED", statusReason: "Moved to Google.", grantedScopes: ["sleep"], movedAt: moved, moveNotifiedAt: null },
    { provider: "google-health", status: "ACTIVE", statusReason: null, grantedScopes: ["sleep", "heartrate"], movedAt: null, moveNotifiedAt: null },
  ]);
  expect(choice.syncedProviderFrom(connections)).toBe("google-health");
  expect(await choice.syncedProviderOf(ada.id)).toBe("google-health");
  // The shared list is left in its order: the rule sorts a copy.
  expect(connections.map((connection) => connection.provider)).toEqual(["fitbit", "google-health"]);
  expect(await shared.personConnections("nobody")).toEqual([]);

  expect(await profile.personProfile(ada.id)).toEqual({ timezone: "Europe/London", utcOffsetMs: 0, unitSystem: "UK", memberSince: "2024-02-03" });
  expect(await profile.personProfile("nobody")).toBeNull();
});

it("picks a stopped connection when none is live (it still explains itself), legacy last among live ones", () => {
  expect(choice.syncedProviderFrom([])).toBeNull();
  expect(choice.syncedProviderFrom([{ provider: "fitbit", status: "REVOKED" }])).toBe("fitbit");
  expect(
    choice.syncedProviderFrom([
      { provider: "google-health", status: "NEEDS_RECONSENT" },
      { provider: "fitbit", status: "ACTIVE" },
    ]),
  ).toBe("fitbit");
  expect(
    choice.syncedProviderFrom([
      { provider: "fitbit", status: "ACTIVE" },
      { provider: "google-health", status: "ACTIVE" },
    ]),
  ).toBe("google-health");
});

it("reads one sync state by person and provider", async () => {
  const ada = await db.user.create({ data: { name: "Ada" } });
  await db.syncState.create({ data: { userId: ada.id, provider: "fitbit", status: "RUNNING", unavailable: { hrv: "insufficient_scope" }, requestsUsed: 12 } });
  const state = await syncState.personSyncState(ada.id, "fitbit");
  expect(state).toMatchObject({ userId: ada.id, provider: "fitbit", status: "RUNNING", unavailable: { hrv: "insufficient_scope" }, requestsUsed: 12 });
  expect(await syncState.personSyncState(ada.id, "google-health")).toBeNull();
});
