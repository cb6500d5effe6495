import { describe, expect, it } from "vitest";
import { VISIT } from "../types";
import { bearer, SERVER_CLIENT, emulatorPerTest } from "../test-fixtures";
import { obtainTokens } from "../testing";
import { offsetFromUtcMillis } from "./profile";

/** 2026-03-10 10:59:00 UTC: one minute before a top of the hour. */
const START = Date.UTC(2026, 2, 10, 10, 59, 0);
const emu = emulatorPerTest({ rateLimitPerHour: 3, startTimeMs: START });

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${emu.current.url}${path}`, { headers: { ...(token ? bearer(token) : {}), ...headers } });
const tokensFor = (scopes: Array<"sleep" | "profile" | "heartrate">, personId = "7QSTDY") =>
  obtainTokens(emu.current.url, SERVER_CLIENT, { personId, scopes });

function expectRateHeaders(res: Response) {
  expect(res.headers.get("fitbit-rate-limit-limit")).toMatch(/^\d+$/);
  expect(res.headers.get("fitbit-rate-limit-remaining")).toMatch(/^\d+$/);
  expect(res.headers.get("fitbit-rate-limit-reset")).toMatch(/^\d+$/);
  expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
}

describe("bearer authentication", () => {
  it("no header -> 401 invalid_request", async () => {
    const res = await get("/1/user/-/profile.json");
    expect(res.status).toBe(401);
    expectRateHeaders(res);
    expect(await res.json()).toEqual({
      errors: [{ errorType: "invalid_request", message: "Authorization header required." }],
      success: false,
    });
  });

  it("unknown token -> 401 invalid_token", async () => {
    const res = await get("/1/user/-/profile.json", "not.a.token");
    expect(res.status).toBe(401);
    expectRateHeaders(res);
    expect(await res.json()).toEqual({
      errors: [
        { errorType: "invalid_token", message: `Access token invalid: not.a.token.${VISIT}` },
      ],
      success: false,
    });
  });

  it("expired by the clock -> 401 expired_token; also via expire-access-tokens", async () => {
    const a = await tokensFor(["profile"]);
    emu.current.state.clock.advanceMs(28_800_000);
    const res = await get("/1/user/-/profile.json", a.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [
        { errorType: "expired_token", message: `Access token expired: ${a.access_token}.${VISIT}` },
      ],
      success: false,
    });

    const b = await tokensFor(["profile"]);
    expect((await get("/1/user/-/profile.json", b.access_token)).status).toBe(200);
    const ctl = await fetch(`${emu.current.url}/__emulator/users/7QSTDY/expire-access-tokens`, {
      method: "POST",
    });
    expect(await ctl.json()).toEqual({ expired: 1 });
    const after = await get("/1/user/-/profile.json", b.access_token);
    expect(after.status).toBe(401);
    expect(await after.text()).toContain("expired_token");
  });
});

describe("rate limit", () => {
  it("429 with Retry-After and headers once the hour's quota is spent, reset at the top of the hour", async () => {
    const t = await tokensFor(["profile"]);
    for (const remaining of [2, 1, 0]) {
      const ok = await get("/1/user/-/profile.json", t.access_token);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("fitbit-rate-limit-limit")).toBe("3");
      expect(ok.headers.get("fitbit-rate-limit-remaining")).toBe(String(remaining));
    }
    const limited = await get("/1/user/-/profile.json", t.access_token);
    expect(limited.status).toBe(429);
    expectRateHeaders(limited);
    const reset = Number(limited.headers.get("fitbit-rate-limit-reset"));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);
    expect(limited.headers.get("retry-after")).toBe(String(reset));
    expect(limited.headers.get("fitbit-rate-limit-remaining")).toBe("0");
    expect(await limited.text()).toBe(
      '{"errors":[{"errorType":"system","fieldName":"n/a","message":"Too Many Requests"}],"success":false}',
    );
    // Another user of the same app has their own bucket.
    const other = await tokensFor(["profile"], "8SHFTW");
    expect((await get("/1/user/-/profile.json", other.access_token)).status).toBe(200);

    emu.current.state.clock.advanceMs(reset * 1000);
    const fresh = await get("/1/user/-/profile.json", t.access_token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("fitbit-rate-limit-remaining")).toBe("2");
    expect(Number(fresh.headers.get("fitbit-rate-limit-reset"))).toBeGreaterThan(3500);
  });

  it("the limit can be changed at run time", async () => {
    const t = await tokensFor(["profile"]);
    await fetch(`${emu.current.url}/__emulator/rate-limit`, {
      method: "POST",
      body: JSON.stringify({ perHour: 1 }),
    });
    expect((await get("/1/user/-/profile.json", t.access_token)).status).toBe(200);
    expect((await get("/1/user/-/profile.json", t.access_token)).status).toBe(429);
  });
});

describe("routing, scopes and the profile", () => {
  it("profile without the profile scope -> 403 insufficient_scope", async () => {
    const t = await tokensFor(["sleep"]);
    const res = await get("/1/user/-/profile.json", t.access_token);
    expect(res.status).toBe(403);
    expectRateHeaders(res);
    expect(await res.json()).toEqual({
      errors: [
        {
          errorType: "insufficient_scope",
          message: `This application does not have permission to access profile data.${VISIT}`,
        },
      ],
      success: false,
    });
  });

  it("unknown path -> 404 not_found", async () => {
    const t = await tokensFor(["sleep"]);
    const res = await get("/1/user/-/nothing-here.json", t.access_token);
    expect(res.status).toBe(404);
    expectRateHeaders(res);
    expect(await res.json()).toEqual({
      errors: [
        {
          errorType: "not_found",
          fieldName: "n/a",
          message: "The API you are requesting could not be found.",
        },
      ],
      success: false,
    });
  });

  it("routes data requests with params and checks the user segment", async () => {
    const t = await tokensFor(["sleep"]);
    const own = await get("/1.2/user/7QSTDY/sleep/date/2026-03-09.json", t.access_token);
    expect(own.status).toBe(200);
    expect(
      ((await own.json()) as { sleep: Array<{ dateOfSleep: string }> }).sleep[0]!.dateOfSleep,
    ).toBe("2026-03-09");
    const other = await get("/1.2/user/8SHFTW/sleep/date/2026-03-09.json", t.access_token);
    expect(other.status).toBe(403);
  });

  it("a throwing route -> 500 envelope, server keeps running", async () => {
    const t = await tokensFor(["sleep"]);
    const res = await get("/1/user/-/boom.json", t.access_token);
    expect(res.status).toBe(500);
    expectRateHeaders(res);
    const body = (await res.json()) as {
      errors: Array<{ errorType: string; fieldName: string; message: string }>;
    };
    expect(body.errors[0]).toMatchObject({ errorType: "request", fieldName: "500" });
    expect(body.errors[0]!.message).toMatch(
      /^An error occurred with the Fitbit Web API while processing the request\. Error id: /,
    );
    expect((await get("/1.2/user/-/sleep/date/2026-03-09.json", t.access_token)).status).toBe(200);
  });

  it("non-GET -> 405; POST without Content-Length -> 411", async () => {
    const t = await tokensFor(["profile"]);
    const del = await fetch(`${emu.current.url}/1/user/-/profile.json`, {
      method: "DELETE",
      headers: bearer(t.access_token),
    });
    expect(del.status).toBe(405);
    const chunked = await fetch(`${emu.current.url}/1/user/-/profile.json`, {
      method: "POST",
      headers: bearer(t.access_token),
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("x=1"));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });

  it("profile has the §10.1 fields built from the person", async () => {
    const t = await tokensFor(["profile"], "8SHFTW");
    const res = await get("/1/user/-/profile.json", t.access_token);
    const { user } = (await res.json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      encodedId: "8SHFTW",
      fullName: "Sam Shift",
      timezone: "America/Chicago",
      locale: "en_US",
      distanceUnit: "en_US",
      weightUnit: "en_US",
      offsetFromUTCMillis: -5 * 3_600_000, // CDT: US daylight saving began 2026-03-08
    });
    expect(String(user.avatar)).toBe(`${emu.current.url}/avatars/8SHFTW.svg?size=100`);
    const avatar = await fetch(String(user.avatar150));
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
    expect(await avatar.text()).toContain(">SS</text>");
  });
});

describe("offsetFromUtcMillis", () => {
  it("follows DST", () => {
    expect(offsetFromUtcMillis("America/Chicago", Date.UTC(2026, 0, 15))).toBe(-6 * 3_600_000);
    expect(offsetFromUtcMillis("America/Chicago", Date.UTC(2026, 6, 15))).toBe(-5 * 3_600_000);
    expect(offsetFromUtcMillis("Europe/London", Date.UTC(2026, 6, 15, 12, 0, 0, 500))).toBe(
      3_600_000,
    );
    expect(offsetFromUtcMillis("Asia/Tokyo", Date.UTC(2026, 6, 15))).toBe(9 * 3_600_000);
  });
});
