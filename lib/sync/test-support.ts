/**
 * Integration-test helpers for the sync engine: a migrated database, the emulator over real
 * HTTP, and people connected to it exactly as a sign-in would (tokens from the emulator's OAuth
 * flow, stored with storeGrant).
 */
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "@/emulator/server";
import type { RegisteredClient } from "@/emulator/types";
import { createTestDatabase, setServerEnv } from "@/lib/testing/test-env";

export { ALL_SCOPES, connectPerson } from "@/lib/testing/connect-person";

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
