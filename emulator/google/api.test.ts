import { describe, expect, it } from "vitest";
import { ADA, control, googleEmulatorPerTest, NOOR, tokensFor } from "./test-fixtures";
import { googleGet } from "./testing";

const emu = googleEmulatorPerTest();
const url = () => emu.current.url;
const SLEEP = "/v4/users/me/dataTypes/sleep/dataPoints";
const between = (from: string, to: string) =>
  `sleep.interval.civil_end_time >= "${from}" AND sleep.interval.civil_end_time < "${to}"`;

type Json = Record<string, unknown>;
const points = (body: Json) => (body.dataPoints ?? []) as Json[];

async function allPages(token: string, path: string, query: Record<string, string>) {
  const pages: Json[] = [];
  let pageToken = "";
  do {
    const r = await googleGet(url(), token, path, {
      ...query,
      ...(pageToken ? { pageToken } : {}),
    });
    expect(r.status).toBe(200);
    pages.push(r.body);
    pageToken = (r.body.nextPageToken as string | undefined) ?? "";
  } while (pageToken !== "");
  return pages;
}

describe("users/me", () => {
  it("identity: healthUserId, legacyUserId = the Fitbit id; empty for Noor, who never had Fitbit", async () => {
    const ada = await tokensFor(url());
    expect((await googleGet(url(), ada.access_token, "/v4/users/me/identity")).body).toEqual({
      name: "users/me/identity",
      legacyUserId: "7QSTDY",
      healthUserId: ADA.healthUserId,
    });
    const noor = await tokensFor(url(), { personId: NOOR.healthUserId });
    const id = (await googleGet(url(), noor.access_token, "/v4/users/me/identity")).body;
    expect(id.legacyUserId).toBe("");
    expect(id.healthUserId).toMatch(/^\d{19}$/);
  });

  it("profile, settings and paired devices", async () => {
    const t = await tokensFor(url());
    const profile = (await googleGet(url(), t.access_token, "/v4/users/me/profile")).body;
    expect(profile).toEqual({
      name: "users/me/profile",
      age: 38,
      membershipStartDate: { year: 2019, month: 3, day: 2 },
    });
    const settings = (await googleGet(url(), t.access_token, "/v4/users/me/settings")).body;
    expect(settings).toMatchObject({
      timeZone: "Europe/London",
      utcOffset: "0s",
      waterUnit: "WATER_UNIT_ML",
    });
    const devices = (await googleGet(url(), t.access_token, "/v4/users/me/pairedDevices")).body;
    const list = devices.pairedDevices as Json[];
    expect(list.map((d) => d.deviceType)).toEqual(["TRACKER", "SCALE"]);
    expect(list[0]).toMatchObject({
      deviceVersion: "Charge 6",
      batteryStatus: expect.stringMatching(/^(High|Medium|Low|Empty)$/),
    });
    expect(list[0]!.lastSyncTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("another user's id in the path is 403; an unknown query parameter is 400", async () => {
    const t = await tokensFor(url());
    const other = await googleGet(url(), t.access_token, `/v4/users/${NOOR.healthUserId}/identity`);
    expect(other.status).toBe(403);
    expect(
      (await googleGet(url(), t.access_token, `/v4/users/${ADA.healthUserId}/identity`)).status,
    ).toBe(200);
    const bad = await googleGet(url(), t.access_token, SLEEP, { limit: "5" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        status: "INVALID_ARGUMENT",
        message: expect.stringContaining('Unknown name "limit"'),
      },
    });
  });
});

describe("sleep list", () => {
  it("pages of at most 25, newest start first, int64 strings, Duration offsets, a name per session", async () => {
    const t = await tokensFor(url());
    const pages = await allPages(t.access_token, SLEEP, {
      filter: between("2026-09-01", "2026-12-01"),
      pageSize: "100",
    });
    const all = pages.flatMap(points);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const p of pages) expect(points(p).length).toBeLessThanOrEqual(25);
    const starts = all.map((p) =>
      Date.parse(((p.sleep as Json).interval as Json).startTime as string),
    );
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    expect(new Set(all.map((p) => p.name)).size).toBe(all.length);
    const s = all[0]!.sleep as Json;
    const summary = s.summary as Json;
    expect(summary.minutesAsleep).toMatch(/^\d+$/);
    expect((s.interval as Json).startUtcOffset as string).toMatch(/^-?\d+s$/);
    expect(all[0]!.name).toMatch(
      new RegExp(`^users/${ADA.healthUserId}/dataTypes/sleep/dataPoints/\\d{19}$`),
    );
    // Only nights waking inside the range: end-time filter, [from, to).
    const ends = all.map((p) => ((p.sleep as Json).interval as Json).endTime as string);
    expect(ends.every((e) => e >= "2026-09-01" && e < "2026-12-01")).toBe(true);
  });

  it("rejects start-time members, other operators and OR outside sleep with INVALID_ARGUMENT field violations", async () => {
    const t = await tokensFor(url());
    const start = await googleGet(url(), t.access_token, SLEEP, {
      filter:
        'sleep.interval.civil_start_time >= "2026-11-01" AND sleep.interval.civil_start_time < "2026-11-08"',
    });
    expect(start.status).toBe(400);
    expect(start.body).toMatchObject({
      error: {
        code: 400,
        status: "INVALID_ARGUMENT",
        details: [
          {
            reason: "INVALID_DATA_POINT_FILTER",
            metadata: {
              detailedReasons:
                "INVALID_DATA_POINT_FILTER_DATA_TYPE_MEMBER,INVALID_DATA_POINT_FILTER_DATA_TYPE_MEMBER",
            },
          },
          {
            fieldViolations: [
              {
                field: "filter",
                description:
                  "Member 'sleep.interval.civil_start_time' is not supported for filtering. (at line 1, column 1)",
              },
              {
                field: "filter",
                description:
                  "Member 'sleep.interval.civil_start_time' is not supported for filtering. (at line 1, column 53)",
              },
            ],
          },
        ],
      },
    });
    const gt = await googleGet(url(), t.access_token, SLEEP, {
      filter: 'sleep.interval.end_time > "2026-11-01T00:00:00Z"',
    });
    expect(gt.status).toBe(400);
    expect(JSON.stringify(gt.body)).toContain("INVALID_DATA_POINT_FILTER_OPERATOR");
    const or = await googleGet(
      url(),
      t.access_token,
      "/v4/users/me/dataTypes/daily-respiratory-rate/dataPoints",
      {
        filter:
          'daily_respiratory_rate.date >= "2026-11-01" OR daily_respiratory_rate.date < "2026-10-01"',
      },
    );
    expect(or.status).toBe(400);
    const kebab = await googleGet(
      url(),
      t.access_token,
      "/v4/users/me/dataTypes/daily-respiratory-rate/dataPoints",
      {
        filter: 'daily-respiratory-rate.date >= "2026-11-01"',
      },
    );
    expect(kebab.status).toBe(400);
    const sleepOr = await googleGet(url(), t.access_token, SLEEP, {
      filter: `(${between("2026-11-01", "2026-11-03")}) OR (${between("2026-11-10", "2026-11-12")})`,
    });
    expect(sleepOr.status).toBe(200);
    expect(points(sleepOr.body).length).toBeGreaterThanOrEqual(4);
  });

  it("a stretch without the watch gives an empty middle page that still carries a token (Noor)", async () => {
    const t = await tokensFor(url(), { personId: NOOR.healthUserId });
    const pages = await allPages(t.access_token, SLEEP, {
      filter: between("2026-02-01", "2026-07-01"),
    });
    const sizes = pages.map((p) => points(p).length);
    const emptyMiddle = sizes.findIndex(
      (n, i) => n === 0 && i < sizes.length - 1 && sizes.slice(i + 1).some((m) => m > 0),
    );
    expect(emptyMiddle).toBeGreaterThan(0);
    expect(pages[emptyMiddle]).toEqual({ nextPageToken: expect.any(String) });
    const dates = pages
      .flatMap(points)
      .map((p) => (((p.sleep as Json).interval as Json).endTime as string).slice(0, 10));
    expect(dates.some((d) => d > "2026-05-11")).toBe(true);
    expect(dates.some((d) => d < "2026-03-31")).toBe(true);
    expect(dates.some((d) => d >= "2026-04-02" && d <= "2026-05-10")).toBe(false);
  });

  it("control switch: forceEmptyPages puts an empty page after every full one; the total is unchanged", async () => {
    const t = await tokensFor(url());
    const filter = between("2026-08-01", "2026-12-01");
    const plain = (await allPages(t.access_token, SLEEP, { filter })).flatMap(points);
    expect(
      (await control(url(), "POST", "/google/paging", { forceEmptyPages: true })).json,
    ).toMatchObject({ forceEmptyPages: true });
    const pages = await allPages(t.access_token, SLEEP, { filter });
    expect(pages.filter((p) => points(p).length === 0).length).toBeGreaterThanOrEqual(3);
    expect(pages.flatMap(points)).toEqual(plain);
  });

  it("a foreign or altered page token is 400 INVALID_ARGUMENT", async () => {
    const t = await tokensFor(url());
    const first = await googleGet(url(), t.access_token, SLEEP, {
      filter: between("2026-01-01", "2026-12-01"),
    });
    const token = first.body.nextPageToken as string;
    const other = await googleGet(url(), t.access_token, SLEEP, {
      filter: between("2025-01-01", "2026-12-01"),
      pageToken: token,
    });
    expect(other.status).toBe(400);
    const junk = await googleGet(url(), t.access_token, SLEEP, { pageToken: "not-a-token" });
    expect(junk.status).toBe(400);
  });
});

describe("quota, faults and control API", () => {
  it("the 301st request in a minute is 429 RESOURCE_EXHAUSTED; the next minute is fine", async () => {
    await control(url(), "POST", "/rate-limit", { perMinute: 5 });
    const t = await tokensFor(url());
    for (let i = 0; i < 5; i++)
      expect((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status).toBe(200);
    const limited = await googleGet(url(), t.access_token, "/v4/users/me/identity");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 429, status: "RESOURCE_EXHAUSTED" } });
    await control(url(), "POST", "/clock", { advanceSeconds: 60 });
    expect((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status).toBe(200);
    expect((await control(url(), "GET", "/rate-limit")).json).toEqual({
      perHour: 150,
      perMinute: 5,
    });
  });

  it("default quota is 300 per person per minute", async () => {
    const t = await tokensFor(url());
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++)
      statuses.push((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status);
    expect(statuses.slice(0, 300).every((s) => s === 200)).toBe(true);
    expect(statuses[300]).toBe(429);
  });

  it("faults target Google routes by name and provider; counters name Google endpoints", async () => {
    const t = await tokensFor(url());
    await control(url(), "POST", "/requests/reset");
    await control(url(), "POST", "/faults", {
      kind: "503",
      provider: "google",
      retryAfterSeconds: 7,
    });
    await control(url(), "POST", "/faults", {
      kind: "expired_token",
      endpoint: "google.sleep.list",
    });
    const unavailable = await googleGet(url(), t.access_token, "/v4/users/me/identity");
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    const expired = await googleGet(url(), t.access_token, SLEEP);
    expect(expired.status).toBe(401);
    expect((await googleGet(url(), t.access_token, SLEEP)).status).toBe(200);
    const counters = (await control(url(), "GET", "/requests")).json;
    expect(counters.byEndpoint).toMatchObject({ "google.identity": 1, "google.sleep.list": 2 });
    expect((counters.byUser as Json)[ADA.healthUserId]).toMatchObject({ "google.sleep.list": 2 });
  });

  it("expire-access-tokens and revoke-tokens with provider=google; people lists both ids", async () => {
    const t = await tokensFor(url());
    expect(
      (await control(url(), "POST", `/users/7QSTDY/expire-access-tokens?provider=google`)).json,
    ).toEqual({ expired: 1 });
    expect((await googleGet(url(), t.access_token, "/v4/users/me/identity")).status).toBe(401);
    await control(url(), "POST", `/users/${ADA.healthUserId}/revoke-tokens?provider=google`);
    expect(
      (await control(url(), "GET", `/users/${ADA.healthUserId}/tokens?provider=google`)).json,
    ).toMatchObject({
      activeRefreshTokens: 0,
      revokedAt: expect.any(Number),
    });
    const people = (await control(url(), "GET", "/people")).json.people as Json[];
    expect(people.find((p) => p.encodedId === "7QSTDY")).toMatchObject({
      healthUserId: ADA.healthUserId,
      legacyUserId: "7QSTDY",
    });
    expect(people.find((p) => p.healthUserId === NOOR.healthUserId)).toMatchObject({
      fitbitUserId: null,
      legacyUserId: "",
    });
    expect((await control(url(), "GET", `/users/x/tokens?provider=apple`)).status).toBe(404);
    expect((await control(url(), "GET", `/users/7QSTDY/tokens?provider=apple`)).status).toBe(400);
  });
});
