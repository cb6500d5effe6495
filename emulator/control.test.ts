import { describe, expect, it } from "vitest";
import { bearer, FORM, SERVER_CLIENT, emulatorPerTest } from "./test-fixtures";
import { basicAuth, obtainTokens, postToken } from "./testing";

const emu = emulatorPerTest();

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.current.url}/__emulator${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const fault = (body: Record<string, unknown>) => control("POST", "/faults", body);
const sleepPath = "/1.2/user/-/sleep/date/2026-01-01.json";
const getSleep = (token: string) =>
  fetch(`${emu.current.url}${sleepPath}`, { headers: bearer(token) });
const tokens = () =>
  obtainTokens(emu.current.url, SERVER_CLIENT, { personId: "7QSTDY", scopes: ["sleep"] });

describe("faults", () => {
  it("429 fault: Retry-After and reset equal, then normal again", async () => {
    const t = await tokens();
    expect(
      (await fault({ kind: "429", endpoint: "sleep.date", retryAfterSeconds: 42 })).status,
    ).toBe(200);
    const res = await getSleep(t.access_token);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
    expect(res.headers.get("fitbit-rate-limit-reset")).toBe("42");
    expect((await getSleep(t.access_token)).status).toBe(200);
  });

  it("500 and 503 faults, count and user filter", async () => {
    const t = await tokens();
    await fault({ kind: "500", count: 2 });
    await fault({ kind: "503", userId: "8SHFTW" });
    expect((await getSleep(t.access_token)).status).toBe(500);
    expect((await getSleep(t.access_token)).status).toBe(500);
    expect((await getSleep(t.access_token)).status).toBe(200);
    expect((await control("GET", "/faults")).json.faults).toHaveLength(1);
    expect((await control("DELETE", "/faults")).status).toBe(200);
    expect((await control("GET", "/faults")).json.faults).toEqual([]);
  });

  it("latency fault delays the response", async () => {
    const t = await tokens();
    await fault({ kind: "latency", latencyMs: 300 });
    const started = Date.now();
    expect((await getSleep(t.access_token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("expired_token fault answers 401 expired_token without touching the token", async () => {
    const t = await tokens();
    await fault({ kind: "expired_token" });
    const res = await getSleep(t.access_token);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(`"errorType":"expired_token"`);
    expect((await getSleep(t.access_token)).status).toBe(200);
  });

  it("corrupt fault breaks the body's schema", async () => {
    const t = await tokens();
    await fault({ kind: "corrupt", endpoint: "sleep.date" });
    const res = await getSleep(t.access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      sleep: [{ bogus: true }],
      summary: { totalMinutesAsleep: 420 },
    });
  });

  it("500 and latency faults reach the token endpoint when named", async () => {
    const t = await tokens();
    await fault({ kind: "500", endpoint: "oauth.token" });
    const res = await postToken(emu.current.url, SERVER_CLIENT, {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token,
    });
    expect(res.status).toBe(500);
    // The refresh token was not consumed by the failed attempt.
    const ok = await postToken(emu.current.url, SERVER_CLIENT, {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token,
    });
    expect(ok.status).toBe(200);
  });

  it("rejects bad fault input with a clear 400", async () => {
    const res = await fault({ kind: "teapot" });
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toContain("kind");
    const badJson = await fetch(`${emu.current.url}/__emulator/faults`, {
      method: "POST",
      body: "{",
    });
    expect(badJson.status).toBe(400);
  });
});

describe("retired mode", () => {
  it("every Fitbit endpoint answers 410", async () => {
    const t = await tokens();
    expect((await control("POST", "/retired", { retired: true })).json).toEqual({ retired: true });
    const envelope = {
      errors: [
        {
          errorType: "request",
          message: "The Fitbit Web API has been turned off. Use the Google Health API.",
        },
      ],
      success: false,
    };
    const data = await getSleep(t.access_token);
    expect(data.status).toBe(410);
    expect(await data.json()).toEqual(envelope);
    for (const path of ["/oauth2/token", "/oauth2/revoke", "/1.1/oauth2/introspect"]) {
      const res = await fetch(`${emu.current.url}${path}`, {
        method: "POST",
        headers: { ...FORM, authorization: basicAuth(SERVER_CLIENT) },
        body: "token=x",
      });
      expect(res.status).toBe(410);
      expect(await res.json()).toEqual(envelope);
    }
    const page = await fetch(
      `${emu.current.url}/oauth2/authorize?client_id=23NITE&response_type=code&scope=sleep`,
    );
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("turned off");
    await control("POST", "/retired", { retired: false });
    expect((await getSleep(t.access_token)).status).toBe(200);
  });
});

describe("counters, clock, tokens summary, reset", () => {
  it("counts requests per endpoint and per user, including rejected ones, without tokens in the log", async () => {
    const t = await tokens();
    await getSleep(t.access_token);
    await getSleep("bogus-token");
    await postToken(emu.current.url, SERVER_CLIENT, {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token,
    });
    await fetch(`${emu.current.url}/oauth2/authorize?code=secret-code&client_id=x`);
    const { json } = await control("GET", "/requests");
    const byEndpoint = json.byEndpoint as Record<string, number>;
    expect(byEndpoint["sleep.date"]).toBe(2);
    expect(byEndpoint["oauth.token.authorization_code"]).toBe(1);
    expect(byEndpoint["oauth.token.refresh_token"]).toBe(1);
    expect((json.byUser as Record<string, Record<string, number>>)["7QSTDY"]!["sleep.date"]).toBe(
      1,
    );
    const log = JSON.stringify(json.log);
    expect(log).not.toContain(t.access_token);
    expect(log).not.toContain(t.refresh_token);
    expect(log).not.toContain("secret-code");
    expect(log).toContain('"status":401');
    await control("POST", "/requests/reset");
    expect((await control("GET", "/requests")).json.total).toBe(0);
  });

  it("moves the clock", async () => {
    const before = (await control("GET", "/clock")).json.nowMs as number;
    const after = (await control("POST", "/clock", { advanceSeconds: 3600 })).json.nowMs as number;
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await control("POST", "/clock", { setMs: 1_000 })).json.nowMs).toBeLessThan(60_000);
    expect((await control("POST", "/clock", { advanceSeconds: "soon" })).status).toBe(400);
  });

  it("summarises a user's tokens without values", async () => {
    await tokens();
    const { json } = await control("GET", "/users/7QSTDY/tokens");
    expect(json).toEqual({
      activeAccessTokens: 1,
      activeRefreshTokens: 1,
      revokedAt: null,
      grantedScopes: ["sleep"],
    });
    expect((await control("GET", "/users/NOBODY/tokens")).status).toBe(404);
  });

  it("reset clears counters, faults and rate windows but keeps tokens", async () => {
    const t = await tokens();
    await fault({ kind: "500" });
    expect((await control("POST", "/reset")).status).toBe(200);
    expect((await getSleep(t.access_token)).status).toBe(200);
    expect((await control("GET", "/health")).json).toEqual({ status: "ok" });
  });

  it("serves the index page", async () => {
    const res = await fetch(emu.current.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("23NITE");
    expect(html).toContain("Ada Steady");
    expect(html).not.toContain(SERVER_CLIENT.clientSecret);
  });
});
