import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startEmulator } from "./server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Runs the CLI until it prints its URL (or exits), then sends SIGTERM. Node itself runs it (with
 * tsx as a loader), not the tsx launcher, so the signal reaches the emulator's own handler rather
 * than racing the launcher's relay (which exits 143 when it loses, on a busy machine). */
function runCli(env: Record<string, string>): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("redirect URIs")) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ out, code }));
  });
}

describe("startEmulator", () => {
  it("defaults: the demo client, the real data routes, 150/hour", async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
      expect([...emu.state.clients.keys()]).toEqual([DEFAULT_CLIENT.clientId]);
      expect(emu.state.rateLimiter.perHour).toBe(150);
      expect(emu.state.dataRoutes.length).toBeGreaterThan(0);
      const names = emu.state.dataRoutes.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length); // counter names must be unique
      expect(names).not.toContain("profile"); // built into the core
    } finally {
      await emu.close();
    }
  });

  it("refuses invalid client registrations", async () => {
    await expect(
      startEmulator({ port: 0, clients: [{ ...DEFAULT_CLIENT, redirectUris: ["not a uri"] }] }),
    ).rejects.toThrow();
  });
});

describe("npm run emulator (main.ts)", () => {
  it("prints the URL and clients, and stops on SIGTERM", async () => {
    const { out, code } = await runCli({ EMULATOR_PORT: "0" });
    expect(out).toMatch(/Fitbit emulator listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain(
      "client 23NITE (server) redirect URIs: http://localhost:3000/api/auth/callback/fitbit",
    );
    expect(out).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(code).toBe(0);
  });

  it("rejects a malformed EMULATOR_CLIENTS", async () => {
    const { out, code } = await runCli({
      EMULATOR_PORT: "0",
      EMULATOR_CLIENTS: '[{"clientId":"X"}]',
    });
    expect(code).toBe(1);
    expect(out).toContain("EMULATOR_CLIENTS");
  });
});
