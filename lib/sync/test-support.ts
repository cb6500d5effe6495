/**
 * Integration-test helpers for the sync engine: a migrated database, the emulator over real
 * HTTP, and people connected to it exactly as a sign-in would (tokens from the emulator's OAuth
 * flow, stored with storeGrant).
 */
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "@/emulator/server";
import { obtainTokens } from "@/emulator/testing";
import { findPerson } from "@/emulator/people";
import type { FitbitScope, RegisteredClient } from "@/emulator/types";
import { createTestDatabase, setServerEnv } from "@/lib/testing/test-env";

export const ALL_SCOPES: FitbitScope[] = [
  "sleep",
  "heartrate",
  "respiratory_rate",
  "nutrition",
  "profile",
  "settings",
];

export interface SyncTestWorld {
  emulator: RunningEmulator;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startSyncTestWorld(
  options: { rateLimitPerHour?: number; clients?: RegisteredClient[] } = {},
): Promise<SyncTestWorld> {
  const databaseUrl = await createTestDatabase();
  const emulator = await startEmulator({
    port: 0,
    clients: options.clients ?? [DEFAULT_CLIENT],
    rateLimitPerHour: options.rateLimitPerHour ?? 1_000_000,
  });
  setServerEnv({ databaseUrl, emulatorUrl: emulator.url });
  return { emulator, databaseUrl, close: () => emulator.close() };
}

/** Creates a User for a demo person and connects it (needs setServerEnv done). */
export async function connectPerson(
  emulatorUrl: string,
  personId: string,
  options: { scopes?: FitbitScope[]; claimScope?: string; client?: RegisteredClient } = {},
): Promise<string> {
  const { db } = await import("@/lib/db/client");
  const { storeGrant } = await import("@/lib/connections/connections");
  const person = findPerson(personId);
  if (!person) throw new Error(`no demo person ${personId}`);
  const user = await db.user.create({
    data: { name: person.displayName, timezone: person.timezone, memberSince: person.memberSince },
  });
  // A Fitbit account links to one Nightly user: tests reuse demo people, so unlink earlier users.
  await db.providerConnection.deleteMany({
    where: { provider: "fitbit", providerUserId: personId },
  });
  const tokens = await obtainTokens(emulatorUrl, options.client ?? DEFAULT_CLIENT, {
    personId,
    scopes: options.scopes ?? ALL_SCOPES,
  });
  await storeGrant({
    userId: user.id,
    provider: "fitbit",
    providerUserId: tokens.user_id,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Math.floor(Date.now() / 1000) + tokens.expires_in,
    // Tests of the 403 path claim more than the token really carries.
    scope: options.claimScope ?? tokens.scope,
  });
  return user.id;
}

export async function rowCounts(userId: string) {
  const { db } = await import("@/lib/db/client");
  const where = { where: { userId } };
  const [sleep, hrv, hrvIntraday, br, nutrition, foodEntries, devices, foodDaysFetched] =
    await Promise.all([
      db.sleepLog.count(where),
      db.hrvDaily.count(where),
      db.hrvIntraday.count(where),
      db.breathingRateDaily.count(where),
      db.nutritionDaily.count(where),
      db.foodLogEntry.count(where),
      db.device.count(where),
      db.nutritionDaily.count({ where: { userId, foodLogFetched: true } }),
    ]);
  return { sleep, hrv, hrvIntraday, br, nutrition, foodEntries, devices, foodDaysFetched };
}

export interface RequestSnapshot {
  byEndpoint: Record<string, number>;
  byUser: Record<string, Record<string, number>>;
  byStatus: Record<string, number>;
}

export async function emulatorRequests(emulatorUrl: string): Promise<RequestSnapshot> {
  return (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as RequestSnapshot;
}

export async function control(
  emulatorUrl: string,
  path: string,
  body?: unknown,
  method = "POST",
): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}/__emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
