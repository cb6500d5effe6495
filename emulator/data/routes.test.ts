import { describe, expect, it } from "vitest";
import { fitbitDataRoutes } from "../fitbit/data-routes";
import { brIntradayForDate, hrvForDate, sleepDay, sleepLogsForDate } from "./index";
import type { SleepLog } from "./shapes";
import { dispatch, NOW, person, servedDates } from "./test-support";

const ada = person("steady");
const sam = person("shift_worker");
const get = (url: string, options: Parameters<typeof dispatch>[3] = {}, p = ada) =>
  dispatch(fitbitDataRoutes, p, url, options);

function expectValidation(res: { status: number; body: unknown }, fieldName: string) {
  expect(res.status).toBe(400);
  const body = res.body as {
    errors: { errorType: string; fieldName: string; message: string }[];
    success: boolean;
  };
  expect(body.success).toBe(false);
  expect(body.errors[0]).toMatchObject({ errorType: "validation", fieldName });
  expect(body.errors[0]!.message.length).toBeGreaterThan(10);
}

describe("route table", () => {
  it("maps each path to its named route", () => {
    const cases: [string, string][] = [
      ["/1.2/user/-/sleep/date/2026-11-20.json", "sleep.date"],
      ["/1.2/user/7QSTDY/sleep/date/2026-11-01/2026-11-20.json", "sleep.range"],
      ["/1.2/user/-/sleep/list.json?beforeDate=today&sort=desc&limit=5&offset=0", "sleep.list"],
      ["/1/user/-/hrv/date/today.json", "hrv.date"],
      ["/1/user/-/hrv/date/2026-11-01/2026-11-20.json", "hrv.range"],
      ["/1/user/-/hrv/date/2026-11-20/all.json", "hrv.intraday.date"],
      ["/1/user/-/hrv/date/2026-11-01/2026-11-20/all.json", "hrv.intraday.range"],
      ["/1/user/-/br/date/today.json", "br.date"],
      ["/1/user/-/br/date/2026-11-01/2026-11-20.json", "br.range"],
      ["/1/user/-/br/date/2026-11-20/all.json", "br.intraday.date"],
      ["/1/user/-/br/date/2026-11-01/2026-11-20/all.json", "br.intraday.range"],
      ["/1/user/-/foods/log/date/2026-11-20.json", "foods.log.date"],
      ["/1/user/-/foods/log/water/date/2026-11-20.json", "foods.water.date"],
      ["/1/user/-/foods/log/caloriesIn/date/2026-11-01/2026-11-20.json", "foods.series.caloriesIn"],
      ["/1/user/-/foods/log/caloriesIn/date/today/1m.json", "foods.series.caloriesIn"],
      ["/1/user/-/foods/log/water/date/2026-11-01/2026-11-20.json", "foods.series.water"],
      ["/1/user/-/foods/log/water/date/today/7d.json", "foods.series.water"],
      ["/1/user/-/devices.json", "devices"],
    ];
    for (const [url, name] of cases) {
      const matches = fitbitDataRoutes.filter((r) =>
        r.pattern.test(new URL(url, "http://x").pathname),
      );
      expect(
        matches.map((r) => r.name),
        url,
      ).toEqual([name]);
      expect(get(url).res.status, url).toBe(200);
    }
    const scopes = Object.fromEntries(fitbitDataRoutes.map((r) => [r.name, r.scope]));
    expect(scopes).toMatchObject({
      "sleep.list": "sleep",
      "hrv.intraday.range": "heartrate",
      "br.range": "respiratory_rate",
      "foods.series.water": "nutrition",
      devices: "settings",
    });
  });
});

describe("dates", () => {
  it("`today` resolves in the person's zone", () => {
    // 2026-11-25 02:00 UTC is still the 24th in Chicago, already the 25th in London.
    const now = Date.UTC(2026, 10, 25, 2, 0);
    const london = get("/1/user/-/foods/log/caloriesIn/date/today/1d.json", { nowMs: now }).res
      .body;
    const chicago = get("/1/user/-/foods/log/caloriesIn/date/today/1d.json", { nowMs: now }, sam)
      .res.body;
    expect(
      (london as Record<string, { dateTime: string }[]>)["foods-log-caloriesIn"]![0]!.dateTime,
    ).toBe("2026-11-25");
    expect(
      (chicago as Record<string, { dateTime: string }[]>)["foods-log-caloriesIn"]![0]!.dateTime,
    ).toBe("2026-11-24");
    expect(get("/1.2/user/-/sleep/date/today.json").res.body).toEqual(
      sleepDay(ada, "2026-11-24", NOW),
    );
  });

  it("invalid dates are 400 validation errors on field `date`", () => {
    for (const url of [
      "/1.2/user/-/sleep/date/2026-02-30.json",
      "/1.2/user/-/sleep/date/yesterday.json",
      "/1.2/user/-/sleep/date/2026-11-01/20261120.json",
      "/1/user/-/hrv/date/2026-13-01.json",
      "/1/user/-/br/date/2026-1-01/all.json",
      "/1/user/-/foods/log/date/2026-11-32.json",
      "/1/user/-/foods/log/water/date/x.json",
      "/1/user/-/foods/log/caloriesIn/date/2026-11-01/2w.json",
    ]) {
      expectValidation(get(url).res, "date");
    }
  });

  it("dates after today and before the history are empty, not errors", () => {
    expect(get("/1.2/user/-/sleep/date/2027-01-01.json").res.body).toEqual({
      sleep: [],
      summary: { totalMinutesAsleep: 0, totalSleepRecords: 0, totalTimeInBed: 0 },
    });
    expect(get("/1/user/-/hrv/date/2027-01-01.json").res.body).toEqual({ hrv: [] });
    expect(get("/1/user/-/br/date/2020-01-01/all.json").res.body).toEqual({ br: [] });
    expect(get("/1/user/-/foods/log/water/date/2027-01-01.json").res.body).toEqual({
      summary: { water: 0 },
      water: [],
    });
  });
});

describe("range limits", () => {
  it.each([
    [
      "/1.2/user/-/sleep/date/2026-08-17/2026-11-24.json",
      "/1.2/user/-/sleep/date/2026-08-16/2026-11-24.json",
    ],
    [
      "/1/user/-/hrv/date/2026-10-26/2026-11-24.json",
      "/1/user/-/hrv/date/2026-10-25/2026-11-24.json",
    ],
    [
      "/1/user/-/hrv/date/2026-10-26/2026-11-24/all.json",
      "/1/user/-/hrv/date/2026-10-25/2026-11-24/all.json",
    ],
    [
      "/1/user/-/br/date/2026-10-26/2026-11-24.json",
      "/1/user/-/br/date/2026-10-25/2026-11-24.json",
    ],
    [
      "/1/user/-/br/date/2026-10-26/2026-11-24/all.json",
      "/1/user/-/br/date/2026-10-25/2026-11-24/all.json",
    ],
    [
      "/1/user/-/foods/log/caloriesIn/date/2023-11-26/2026-11-24.json",
      "/1/user/-/foods/log/caloriesIn/date/2023-11-25/2026-11-24.json",
    ],
    [
      "/1/user/-/foods/log/water/date/2023-11-26/2026-11-24.json",
      "/1/user/-/foods/log/water/date/2023-11-25/2026-11-24.json",
    ],
  ])("%s is the longest allowed range", (longest, tooLong) => {
    expect(get(longest).res.status).toBe(200);
    expectValidation(get(tooLong).res, "endDate");
  });

  it("start after end is a 400", () => {
    expectValidation(get("/1.2/user/-/sleep/date/2026-11-20/2026-11-19.json").res, "startDate");
    expectValidation(get("/1/user/-/hrv/date/2026-11-20/2026-11-19.json").res, "startDate");
  });

  it("ranges return the same items as the single dates, only dates with data for HRV", () => {
    const range = get("/1.2/user/-/sleep/date/2026-10-20/2026-11-24.json").res.body as {
      sleep: SleepLog[];
    };
    expect(Object.keys(range)).toEqual(["sleep"]);
    const singles = servedDates(ada)
      .filter((d) => d >= "2026-10-20")
      .reverse()
      .flatMap((d) => sleepLogsForDate(ada, d, NOW));
    expect(range.sleep.map((l) => l.logId)).toEqual(singles.map((l) => l.logId));
    const hrv = get("/1/user/-/hrv/date/2026-10-26/2026-11-24.json").res.body as { hrv: unknown[] };
    const expected = servedDates(ada)
      .filter((d) => d >= "2026-10-26")
      .map((d) => hrvForDate(ada, d, NOW))
      .filter(Boolean);
    expect(hrv.hrv).toEqual(expected);
    const br = get("/1/user/-/br/date/2026-11-20/all.json").res.body as { br: unknown[] };
    expect(br.br).toEqual([brIntradayForDate(ada, "2026-11-20", NOW)].filter(Boolean));
  });

  it("period forms count back from the end date", () => {
    const len = (url: string) =>
      (Object.values(get(url).res.body as object)[0] as unknown[]).length;
    expect(len("/1/user/-/foods/log/caloriesIn/date/2026-11-24/1d.json")).toBe(1);
    expect(len("/1/user/-/foods/log/caloriesIn/date/2026-11-24/1w.json")).toBe(7);
    expect(len("/1/user/-/foods/log/caloriesIn/date/2026-11-24/30d.json")).toBe(30);
    expect(len("/1/user/-/foods/log/caloriesIn/date/2026-03-15/1m.json")).toBe(28); // 02-16..03-15
    expect(len("/1/user/-/foods/log/water/date/2026-11-24/1y.json")).toBe(365);
  });
});

describe("intraday permission", () => {
  it("is 403 insufficient_scope without intraday access", () => {
    for (const url of [
      "/1/user/-/hrv/date/today/all.json",
      "/1/user/-/br/date/2026-11-01/2026-11-20/all.json",
    ]) {
      const { res } = get(url, { intraday: false });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        errors: [
          {
            errorType: "insufficient_scope",
            message: "This application does not have permission to access intraday data.",
          },
        ],
        success: false,
      });
    }
    expect(get("/1/user/-/hrv/date/today.json", { intraday: false }).res.status).toBe(200);
  });
});

describe("sleep list", () => {
  const list = (query: string, p = sam, nowMs = NOW) =>
    get(`/1.2/user/-/sleep/list.json?${query}`, { nowMs }, p).res;

  it("validates its parameters", () => {
    expectValidation(list("sort=desc&limit=10&offset=0"), "beforeDate");
    expectValidation(
      list("beforeDate=2026-11-01&afterDate=2026-10-01&sort=desc&limit=10&offset=0"),
      "afterDate",
    );
    expectValidation(list("beforeDate=2026/11/01&sort=desc&limit=10&offset=0"), "beforeDate");
    expectValidation(list("beforeDate=2026-11-01&limit=10&offset=0"), "sort");
    expectValidation(list("beforeDate=2026-11-01&sort=asc&limit=10&offset=0"), "sort");
    expectValidation(list("afterDate=2026-11-01&sort=desc&limit=10&offset=0"), "sort");
    expectValidation(list("beforeDate=2026-11-01&sort=desc&offset=0"), "limit");
    expectValidation(list("beforeDate=2026-11-01&sort=desc&limit=101&offset=0"), "limit");
    expectValidation(list("beforeDate=2026-11-01&sort=desc&limit=0&offset=0"), "limit");
    expectValidation(list("beforeDate=2026-11-01&sort=desc&limit=10"), "offset");
    expectValidation(list("beforeDate=2026-11-01&sort=desc&limit=10&offset=-1"), "offset");
    expect(list("beforeDate=2026-11-01T12:30:00&sort=desc&limit=10&offset=0").status).toBe(200);
  });

  function walk(first: string): { logs: SleepLog[]; pages: number } {
    let url = `/1.2/user/-/sleep/list.json?${first}`;
    const logs: SleepLog[] = [];
    let pages = 0;
    for (;;) {
      const { res } = get(url, {}, sam);
      expect(res.status).toBe(200);
      const body = res.body as { pagination: Record<string, string | number>; sleep: SleepLog[] };
      expect(body.pagination.previous).toEqual(
        pages === 0 ? "" : expect.stringContaining("http://127.0.0.1:4010/"),
      );
      logs.push(...body.sleep);
      pages++;
      const next = body.pagination.next as string;
      if (next === "") {
        expect(body.sleep.length).toBeLessThanOrEqual(Number(body.pagination.limit));
        return { logs, pages };
      }
      expect(next.startsWith("http://127.0.0.1:4010/1.2/user/-/sleep/list.json?offset=")).toBe(
        true,
      );
      const u = new URL(next);
      url = u.pathname + u.search;
    }
  }

  it("walks every log, newest first, via next links (beforeDate, desc)", () => {
    const { logs, pages } = walk("beforeDate=today&sort=desc&limit=100&offset=0");
    const all = servedDates(sam)
      .reverse()
      .flatMap((d) => sleepLogsForDate(sam, d, NOW));
    all.sort((a, b) => (a.startTime < b.startTime ? 1 : -1));
    expect(new Set(logs.map((l) => l.logId)).size).toBe(logs.length);
    expect(logs.map((l) => l.logId)).toEqual(all.map((l) => l.logId));
    expect(pages).toBe(Math.ceil(all.length / 100));
  });

  it("walks forward with afterDate, asc", () => {
    const { logs } = walk("afterDate=2026-06-01&sort=asc&limit=37&offset=0");
    const all = servedDates(sam)
      .filter((d) => d >= "2026-06-01")
      .flatMap((d) => sleepLogsForDate(sam, d, NOW));
    all.sort((a, b) => (a.startTime < b.startTime ? -1 : 1));
    expect(logs.map((l) => l.logId)).toEqual(all.map((l) => l.logId));
  });

  it("has the documented pagination shape", () => {
    const body = list("beforeDate=2026-11-20&sort=desc&limit=1&offset=0").body as {
      pagination: Record<string, unknown>;
      sleep: SleepLog[];
    };
    expect(body.pagination).toEqual({
      beforeDate: "2026-11-20",
      limit: 1,
      next: "http://127.0.0.1:4010/1.2/user/-/sleep/list.json?offset=1&limit=1&sort=desc&beforeDate=2026-11-20",
      offset: 0,
      previous: "",
      sort: "desc",
    });
    expect(body.sleep[0]!.dateOfSleep <= "2026-11-20").toBe(true);
    const after = list("afterDate=2026-11-20T12:00:00&sort=asc&limit=2&offset=0").body as {
      pagination: Record<string, unknown>;
      sleep: SleepLog[];
    };
    expect(Object.keys(after.pagination)).toEqual([
      "afterDate",
      "limit",
      "next",
      "offset",
      "previous",
      "sort",
    ]);
    expect(after.sleep.every((l) => l.startTime > "2026-11-20T12:00:00.000")).toBe(true);
  });
});
