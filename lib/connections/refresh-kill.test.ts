import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "../../emulator/server";
import { connectPerson } from "../testing/connect-person";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

/**
 * Issue 6 §3: a process SIGKILLed between Fitbit's refresh answer and the database commit must
 * not cost the person their connection. The refresh was recorded before the call; another
 * process finishes it within Fitbit's 2-minute replay window and gets the same pair.
 */
let emulator: RunningEmulator;
let db: typeof import("../db/client").db;
let tokens: typeof import("./token-manager");

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clients: [DEFAULT_CLIENT] });
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: emulator.url });
  db = (await import("../db/client")).db;
  tokens = await import("./token-manager");
});

afterAll(async () => {
  await emulator?.close();
});

function refreshAndKill(userId: string): Promise<{ killed: boolean; output: string }> {
  const script = fileURLToPath(new URL("./refresh-child.fixture.ts", import.meta.url));
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, userId], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    output += text;
    if (output.includes("answered\n")) child.kill("SIGKILL");
  });
  return new Promise((resolve) => child.on("exit", (_code, signal) => resolve({ killed: signal === "SIGKILL", output })));
}

it("finishes a refresh whose process was SIGKILLed between Fitbit's answer and the commit", async () => {
  const userId = await connectPerson(emulator.url, "6DSTNY");
  const before = await db.providerConnection.findFirstOrThrow({ where: { userId } });

  const { killed, output } = await refreshAndKill(userId);
  expect(killed).toBe(true);
  expect(output).not.toContain("committed");
  // Fitbit rotated the pair, the database still has the old one, and the record says so.
  const stranded = await db.providerConnection.findFirstOrThrow({ where: { userId } });
  expect(stranded.tokenVersion).toBe(before.tokenVersion);
  expect(await db.tokenRefreshInFlight.findUnique({ where: { connectionId: before.id } })).toMatchObject({
    fromVersion: before.tokenVersion,
  });

  // What every worker process does every 15 s (lib/sync/worker.ts).
  expect(await tokens.finishInterruptedRefreshes(0)).toBe(1);
  const after = await db.providerConnection.findFirstOrThrow({ where: { userId } });
  expect(after.status).toBe("ACTIVE");
  expect(after.tokenVersion).toBe(before.tokenVersion + 1);
  expect(await db.tokenRefreshInFlight.count({ where: { connectionId: before.id } })).toBe(0);

  // The recovered pair is the live one: the access token reads data, the refresh token refreshes.
  const { fitbitGet } = await import("../providers/fitbit/api-client");
  const { z } = await import("zod");
  await expect(fitbitGet(userId, "/1/user/-/profile.json", z.object({ user: z.object({}).loose() }))).resolves.toBeTruthy();
  const grant = await tokens.getAccessToken(userId);
  const next = await tokens.refreshAfterRejection(grant);
  expect(next.version).toBe(after.tokenVersion + 1);
  expect((await db.providerConnection.findFirstOrThrow({ where: { userId } })).status).toBe("ACTIVE");
}, 120_000);
