/**
 * The data routes behind the real HTTP core: token, scopes and the absolute `next` links of the
 * sleep list (which must point back at the emulator's own origin).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "../server";
import { obtainTokens } from "../testing";
import { sleepLogsForDate } from "./index";
import type { SleepLog } from "./shapes";
import { NOW, person, servedDates } from "./test-support";

const ada = person("steady");
let emu: RunningEmulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, startTimeMs: NOW, clients: [DEFAULT_CLIENT] });
  const tokens = await obtainTokens(emu.url, DEFAULT_CLIENT, {
    personId: ada.encodedId,
    scopes: ["sleep", "heartrate", "nutrition", "settings"],
  });
  token = tokens.access_token;
});
afterAll(async () => {
  await emu?.close();
});

async function get(pathOrUrl: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(pathOrUrl, emu.url), {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: await res.json() };
}

describe("data routes over HTTP", () => {
  it("serves a day of sleep and enforces scopes", async () => {
    const day = await get("/1.2/user/-/sleep/date/2026-11-20.json");
    expect(day.status).toBe(200);
    expect((day.body as { sleep: SleepLog[] }).sleep).toEqual(
      sleepLogsForDate(ada, "2026-11-20", NOW),
    );
    expect((await get("/1/user/-/br/date/today.json")).status).toBe(403); // no respiratory_rate
  });

  it("follows absolute next links back to the emulator until the last page", async () => {
    let url = "/1.2/user/-/sleep/list.json?afterDate=2026-06-01&sort=asc&limit=100&offset=0";
    const ids: number[] = [];
    for (;;) {
      const { status, body } = await get(url);
      expect(status).toBe(200);
      const page = body as { pagination: { next: string }; sleep: SleepLog[] };
      ids.push(...page.sleep.map((l) => l.logId));
      if (page.pagination.next === "") break;
      expect(page.pagination.next.startsWith(`${emu.url}/1.2/user/-/sleep/list.json?`)).toBe(true);
      url = page.pagination.next;
    }
    const expected = servedDates(ada)
      .filter((d) => d >= "2026-06-01")
      .flatMap((d) => sleepLogsForDate(ada, d, NOW))
      .sort((a, b) => (a.startTime < b.startTime ? -1 : 1));
    expect(ids).toEqual(expected.map((l) => l.logId));
  });
});
