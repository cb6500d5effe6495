/**
 * Fixtures for the emulator's own tests: a couple of stand-in data routes (so the HTTP core is
 * tested independently of the real data module) and a per-test emulator.
 */
import { afterEach, beforeEach } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "./server";
import type { DataRoute, RegisteredClient } from "./types";

export const SERVER_CLIENT: RegisteredClient = {
  clientId: "23NITE",
  clientSecret: "nightly-demo-secret",
  redirectUris: ["http://localhost:3000/api/auth/callback/fitbit"],
  appType: "server",
  intraday: true,
};

export const PUBLIC_CLIENT: RegisteredClient = {
  clientId: "22PUBL",
  clientSecret: "unused-public-secret",
  redirectUris: ["http://localhost:3000/cb-a", "http://localhost:3000/cb-b?x=1"],
  appType: "client",
  intraday: false,
};

export const TEST_ROUTES: DataRoute[] = [
  {
    method: "GET",
    name: "sleep.date",
    scope: "sleep",
    pattern: /^\/1\.2\/user\/(?<user>[^/]+)\/sleep\/date\/(?<date>[^/]+)\.json$/,
    handle: (req) => ({
      status: 200,
      body: {
        sleep: [{ dateOfSleep: req.params.date, logId: 1 }],
        summary: { totalMinutesAsleep: 420 },
      },
    }),
  },
  {
    method: "GET",
    name: "boom",
    scope: "sleep",
    pattern: /^\/1\/user\/(?<user>[^/]+)\/boom\.json$/,
    handle: () => {
      throw new Error("route bug");
    },
  },
];

/** Starts a fresh emulator before each test and closes it after. Read `.current` in tests. */
export function emulatorPerTest(options: EmulatorOptions = {}): { current: RunningEmulator } {
  const holder = {} as { current: RunningEmulator };
  beforeEach(async () => {
    holder.current = await startEmulator({
      port: 0,
      clients: [SERVER_CLIENT, PUBLIC_CLIENT],
      dataRoutes: TEST_ROUTES,
      ...options,
    });
  });
  afterEach(async () => {
    await holder.current.close();
  });
  return holder;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" };
