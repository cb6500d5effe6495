import { describe, expect, it } from "vitest";
import { googleEmulatorPerTest, NOOR, tokensFor } from "./test-fixtures";
import { googleGet } from "./testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const emu = googleEmulatorPerTest();
const url = () => emu.current.url;
const dp = (type: string, op = "") => `/v4/users/me/dataTypes/${type}/dataPoints${op}`;

async function rollUp(token: string, type: string, body: unknown) {
  const res = await fetch(`${url()}${dp(type, ":dailyRollUp")}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const date = (y: number, m: number, d: number) => ({ date: { year: y, month: m, day: d } });

describe("data types", () => {
  it("name only on identifiable types; daily and sample points carry none", async () => {
    const t = await tokensFor(url());
    const named = ["sleep", "nutrition-log", "hydration-log"];
    for (const type of [
      ...named,
      "daily-heart-rate-variability",
      "heart-rate-variability",
      "daily-respiratory-rate",
      "respiratory-rate-sleep-summary",
    ]) {
      const r = await googleGet(url(), t.access_token, dp(type), { pageSize: "3" });
      expect(r.status, type).toBe(200);
      const items = r.body.dataPoints as Json[];
      expect(items.length, type).toBeGreaterThan(0);
      for (const item of items) {
        expect("name" in item, type).toBe(named.includes(type));
        expect(item.dataSource.platform).toBe("FITBIT");
      }
    }
    const hrv = (
      await googleGet(url(), t.access_token, dp("daily-heart-rate-variability"), { pageSize: "1" })
    ).body;
    expect(
      (hrv.dataPoints as Json[])[0]!.dailyHeartRateVariability.nonRemHeartRateBeatsPerMinute,
    ).toMatch(/^\d+$/);
  });

  it("reconcile: dataPointName instead of name, no dataSource; source families", async () => {
    const t = await tokensFor(url());
    const filter =
      'nutrition_log.interval.civil_start_time >= "2026-11-20" AND nutrition_log.interval.civil_start_time < "2026-11-27"';
    const list = await googleGet(url(), t.access_token, dp("nutrition-log"), { filter });
    const rec = await googleGet(url(), t.access_token, dp("nutrition-log", ":reconcile"), {
      filter,
    });
    const items = rec.body.dataPoints as Json[];
    expect(items.map((i) => i.dataPointName)).toEqual(
      (list.body.dataPoints as Json[]).map((i) => i.name),
    );
    expect(items.every((i) => !("dataSource" in i) && !("name" in i))).toBe(true);
    const wearables = await googleGet(url(), t.access_token, dp("nutrition-log", ":reconcile"), {
      filter,
      dataSourceFamily: "users/me/dataSourceFamilies/google-wearables",
    });
    expect(wearables.body).toEqual({}); // manual logs are not from a wearable
    const self = await googleGet(url(), t.access_token, dp("sleep", ":reconcile"), {
      dataSourceFamily: "self-sources",
      filter:
        'sleep.interval.civil_end_time >= "2026-11-20" AND sleep.interval.civil_end_time < "2026-11-27"',
    });
    expect(self.body).toEqual({});
    const bad = await googleGet(url(), t.access_token, dp("sleep", ":reconcile"), {
      dataSourceFamily: "everything",
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("INVALID_DATA_POINT_DATA_SOURCE_FAMILY");
  });

  it("dailyRollUp: day totals equal the logs; weekly windows; paging; range and alignment checks", async () => {
    const t = await tokensFor(url());
    const daily = await rollUp(t.access_token, "nutrition-log", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 29) },
    });
    expect(daily.status).toBe(200);
    const days = daily.body.rollupDataPoints as Json[];
    expect(days.length).toBeGreaterThan(20);
    expect(days[0]!.civilStartTime).toEqual({ date: { year: 2026, month: 11, day: 1 }, time: {} });
    const weekly = await rollUp(t.access_token, "nutrition-log", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 29) },
      windowSizeDays: 7,
    });
    const weeks = weekly.body.rollupDataPoints as Json[];
    expect(weeks).toHaveLength(4);
    const kcal = (xs: Json[]) => xs.reduce((a, x) => a + x.nutritionLog.energy.kcalSum, 0);
    expect(kcal(weeks)).toBe(kcal(days));
    const logs = await googleGet(url(), t.access_token, dp("nutrition-log"), {
      filter:
        'nutrition_log.interval.civil_start_time >= "2026-11-01" AND nutrition_log.interval.civil_start_time < "2026-11-02"',
    });
    expect(
      (logs.body.dataPoints as Json[]).reduce((a, p) => a + p.nutritionLog.energy.kcal, 0),
    ).toBe(days[0]!.nutritionLog.energy.kcalSum);
    const first = await rollUp(t.access_token, "hydration-log", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 8) },
      pageSize: 3,
    });
    expect(first.body.rollupDataPoints).toHaveLength(3);
    const second = await rollUp(t.access_token, "hydration-log", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 8) },
      pageSize: 3,
      pageToken: first.body.nextPageToken,
    });
    expect((second.body.rollupDataPoints as Json[])[0]!.civilStartTime.date.day).toBeGreaterThan(3);
    const long = await rollUp(t.access_token, "hydration-log", {
      range: { start: date(2026, 1, 1), end: date(2026, 6, 1) },
    });
    expect(long.status).toBe(400);
    const unaligned = await rollUp(t.access_token, "hydration-log", {
      range: { start: { ...date(2026, 11, 1), time: { hours: 5 } }, end: date(2026, 11, 8) },
    });
    expect(unaligned.status).toBe(400);
    const unknownField = await rollUp(t.access_token, "hydration-log", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 8) },
      bogus: 1,
    });
    expect(unknownField.status).toBe(400);
    const sleep = await rollUp(t.access_token, "sleep", {
      range: { start: date(2026, 11, 1), end: date(2026, 11, 8) },
    });
    expect(sleep.status).toBe(400);
  });

  it("unknown or snake_case types are 400; a wrong verb is 404", async () => {
    const t = await tokensFor(url());
    const snake = await googleGet(url(), t.access_token, dp("daily_heart_rate_variability"));
    expect(snake.status).toBe(400);
    expect(JSON.stringify(snake.body)).toContain("INVALID_PARENT_DATA_TYPE_COLLECTION_FORMAT");
    expect((await googleGet(url(), t.access_token, dp("steps"))).status).toBe(400);
    const post = await fetch(`${url()}${dp("sleep")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.access_token}` },
      body: "{}",
    });
    expect(post.status).toBe(404);
  });

  it("offsets follow DST: Dana's fall-back night starts at -14400s and ends at -18000s", async () => {
    const t = await tokensFor(url(), { personId: "6DSTNY" });
    const r = await googleGet(url(), t.access_token, dp("sleep"), {
      filter:
        'sleep.interval.civil_end_time >= "2026-11-01" AND sleep.interval.civil_end_time < "2026-11-02"',
    });
    const main = (r.body.dataPoints as Json[]).find((p) => p.sleep.metadata.mainSleep)!;
    expect(main.sleep.interval.startUtcOffset).toBe("-14400s");
    expect(main.sleep.interval.endUtcOffset).toBe("-18000s");
    const stages = main.sleep.stages as Json[];
    for (let i = 1; i < stages.length; i++)
      expect(stages[i]!.startTime).toBe(stages[i - 1]!.endTime);
  });

  it("Noor: no HRV while the watch was away, meals still logged; a range with nothing is {}", async () => {
    const t = await tokensFor(url(), { personId: NOOR.healthUserId });
    const hrv = await googleGet(url(), t.access_token, dp("daily-heart-rate-variability"), {
      filter:
        'daily_heart_rate_variability.date >= "2026-04-05" AND daily_heart_rate_variability.date < "2026-05-05"',
    });
    expect(hrv.body).toEqual({});
    const food = await googleGet(url(), t.access_token, dp("nutrition-log"), {
      filter:
        'nutrition_log.interval.civil_start_time >= "2026-04-05" AND nutrition_log.interval.civil_start_time < "2026-05-05"',
    });
    expect((food.body.dataPoints as Json[]).length).toBeGreaterThan(20);
    expect((food.body.dataPoints as Json[])[0]!.nutritionLog.interval.startUtcOffset).toBe(
      "-25200s",
    );
  });
});
