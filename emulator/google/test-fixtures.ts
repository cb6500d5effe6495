/** Fixtures for the Google side's tests: a per-test emulator and quick token helpers. */
import { afterEach, beforeEach } from "vitest";
import { type RunningEmulator, startEmulator, type EmulatorOptions } from "../server";
import { DEFAULT_GOOGLE_CLIENT } from "./clients";
import { GOOGLE_PEOPLE } from "./people";
import { obtainGoogleTokens, type ObtainGoogleOptions } from "./testing";

export const ADA = GOOGLE_PEOPLE.find((g) => g.person.encodedId === "7QSTDY")!;
export const NOOR = GOOGLE_PEOPLE.find((g) => g.legacyUserId === "")!;
/** 2026-12-01T12:00:00Z: a fixed "now" so the data under test never moves. */
export const NOW = Date.UTC(2026, 11, 1, 12);

export function googleEmulatorPerTest(options: EmulatorOptions = {}) {
  const holder = { current: null as unknown as RunningEmulator };
  beforeEach(async () => {
    holder.current = await startEmulator({ port: 0, startTimeMs: NOW, ...options });
  });
  afterEach(async () => {
    await holder.current.close();
  });
  return holder;
}

export function tokensFor(url: string, o: Partial<ObtainGoogleOptions> = {}) {
  return obtainGoogleTokens(url, DEFAULT_GOOGLE_CLIENT, { personId: ADA.healthUserId, ...o });
}

export async function control(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/__emulator${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
