/**
 * Contract tests: the emulator answers with the same shape (keys and value types, recursively)
 * as every LIVE or DOCS sample in ../shared/samples (INDEX.md), read at test time. Extra keys the
 * emulator sends are allowed only where listed here with the reason (trimmed samples).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_GOOGLE_CLIENT } from "./google/clients";
import { ADA, googleEmulatorPerTest } from "./google/test-fixtures";
import { googleGet, obtainGoogleTokens, postGoogleToken } from "./google/testing";
import { DEFAULT_CLIENT } from "./server";
import { parseSample, shapeDiff } from "./shape";
import { obtainTokens } from "./testing";

const SAMPLES = resolve(fileURLToPath(new URL("..", import.meta.url)), "../shared/samples");
const present = existsSync(join(SAMPLES, "INDEX.md"));
if (!present) console.warn(`[contract] ${SAMPLES} is absent: sample contract tests skipped`);

function sample(dir: "fitbit" | "google-health", file: string): unknown {
  return parseSample(readFileSync(join(SAMPLES, dir, file), "utf8"), file.endsWith(".jsonc"));
}

/** Every sample file the index lists as LIVE or DOCS, by folder. */
function trustedInIndex(): string[] {
  const index = readFileSync(join(SAMPLES, "INDEX.md"), "utf8");
  return index
    .split("\n")
    .filter((l) => /^\| `[^`]+` \|/.test(l))
    .filter((l) => /\| (LIVE|DOCS)\b/.test(l))
    .map((l) => /^\| `([^`]+)`/.exec(l)![1]!);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function expectSameShape(expected: unknown, actual: unknown, allowedExtra: readonly string[] = []) {
  const diffs = shapeDiff(expected, actual).filter(
    (d) =>
      !(
        d.kind === "extra" &&
        allowedExtra.some(
          (p) => d.path === p || d.path.startsWith(`${p}.`) || d.path.startsWith(`${p}[`),
        )
      ),
  );
  expect(diffs).toEqual([]);
}

const emu = googleEmulatorPerTest();
const url = () => emu.current.url;

const COVERED = new Set<string>();
const covers = (file: string) => {
  COVERED.add(file);
  return file;
};

describe.skipIf(!present)("Google Health samples (LIVE/DOCS)", () => {
  const SLEEP = "/v4/users/me/dataTypes/sleep/dataPoints";
  const night =
    'sleep.interval.civil_end_time >= "2026-11-25" AND sleep.interval.civil_end_time < "2026-11-30"';
  const mainWithShortWakes = (items: Json[]) =>
    items.find(
      (p) => p.sleep.metadata.mainSleep && p.sleep.type === "STAGES" && p.sleep.shortAwakenings,
    )!;

  it("sleep list (live, trimmed) and the docs example", async () => {
    const t = await obtainGoogleTokens(url(), DEFAULT_GOOGLE_CLIENT, {
      personId: ADA.healthUserId,
    });
    const r = await googleGet(url(), t.access_token, SLEEP, { filter: night });
    const one = {
      dataPoints: [mainWithShortWakes(r.body.dataPoints as Json[])],
      nextPageToken: "",
    };
    expectSameShape(
      sample("google-health", covers("ansanloms-skills__live_sleep_list_trimmed.jsonc")),
      one,
    );
    // The quoted docs example omits stages, metadata and times ("stages etc. omitted").
    expectSameShape(
      sample("google-health", covers("ansanloms-skills__docs-endpoints-example_sleep.json")),
      one,
      [
        "$.dataPoints[].sleep.stages",
        "$.dataPoints[].sleep.shortAwakenings",
        "$.dataPoints[].sleep.metadata",
        "$.dataPoints[].sleep.createTime",
        "$.dataPoints[].sleep.updateTime",
        "$.dataPoints[].sleep.summary.minutesInSleepPeriod",
        "$.dataPoints[].sleep.summary.minutesAfterWakeUp",
        "$.dataPoints[].sleep.summary.minutesToFallAsleep",
      ],
    );
  });

  it("sleep reconcile (live, trimmed): dataPointName, no dataSource, stage summaries twice", async () => {
    const t = await obtainGoogleTokens(url(), DEFAULT_GOOGLE_CLIENT, {
      personId: ADA.healthUserId,
    });
    const r = await googleGet(url(), t.access_token, `${SLEEP}:reconcile`, { filter: night });
    const item = mainWithShortWakes(r.body.dataPoints as Json[]);
    expectSameShape(
      sample("google-health", covers("ansanloms-skills__live_sleep_reconcile_trimmed.jsonc")),
      {
        dataPoints: [item],
        nextPageToken: "",
      },
    );
    const types = (item.sleep.summary.stagesSummary as Json[]).map((s) => s.type);
    expect(types.length).toBe(2 * new Set(types).size);
  });

  it("401 with a bad token, 400 for a start-time sleep filter, invalid_grant: same bodies as captured", async () => {
    const bad = await googleGet(url(), "ya29.not-a-token", "/v4/users/me/identity");
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(
      sample("google-health", covers("ansanloms-skills__live_401_unauthenticated.json")),
    );
    const t = await obtainGoogleTokens(url(), DEFAULT_GOOGLE_CLIENT, {
      personId: ADA.healthUserId,
    });
    const filter = await googleGet(url(), t.access_token, SLEEP, {
      filter:
        'sleep.interval.civil_start_time >= "2026-09-25" AND sleep.interval.civil_start_time < "2026-09-27"',
    });
    expect(filter.status).toBe(400);
    expect(filter.body).toEqual(
      sample(
        "google-health",
        covers("ansanloms-skills__live_400_invalid_filter_sleep_start_member.json"),
      ),
    );
    const grant = await postGoogleToken(url(), DEFAULT_GOOGLE_CLIENT, {
      grant_type: "refresh_token",
      refresh_token: "1//0bogus",
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual(
      sample("google-health", covers("ansanloms-skills__live_token_invalid_grant.json")),
    );
  });
});

describe.skipIf(!present)("Fitbit samples (LIVE/DOCS)", () => {
  async function fitbit(path: string, status = 200) {
    const t = await obtainTokens(url(), DEFAULT_CLIENT, {
      personId: "7QSTDY",
      scopes: ["sleep", "respiratory_rate"],
    });
    const res = await fetch(`${url()}${path}`, {
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(res.status).toBe(status);
    return (await res.json()) as Json;
  }

  it("sleep by date, by range and the paged list", async () => {
    const single = await fitbit("/1.2/user/-/sleep/date/2026-11-29.json");
    expect(single.sleep).toHaveLength(1);
    expectSameShape(
      sample("fitbit", covers("fitbit-client-python__sleep.get_sleep_log_by_date.json")),
      single,
    );
    const range = await fitbit("/1.2/user/-/sleep/date/2026-11-27/2026-11-29.json");
    expectSameShape(
      sample("fitbit", covers("fitbit-client-python__sleep.get_sleep_log_by_date_range.json")),
      {
        sleep: (range.sleep as Json[]).filter((s) => s.type === "stages"),
      },
    );
    const list = await fitbit(
      "/1.2/user/-/sleep/list.json?beforeDate=2026-11-29&limit=10&sort=desc&offset=0",
    );
    expectSameShape(
      sample("fitbit", covers("fitbit-client-python__sleep.sleep.get_sleep_log_list.json")),
      {
        ...list,
        sleep: (list.sleep as Json[]).filter((s) => s.type === "stages"),
      },
    );
  });

  it("breathing rate by date and interval; the 404 body", async () => {
    expectSameShape(
      sample(
        "fitbit",
        covers("fitbit-client-python__breathingrate.get_breathing_rate_summary_by_date.json"),
      ),
      await fitbit("/1/user/-/br/date/2026-11-29.json"),
    );
    expectSameShape(
      sample(
        "fitbit",
        covers("fitbit-client-python__breathingrate.get_breathing_rate_summary_by_interval.json"),
      ),
      await fitbit("/1/user/-/br/date/2026-11-23/2026-11-29.json"),
    );
    expect(await fitbit("/1/user/-/ecg/list.json", 404)).toEqual(
      sample("fitbit", covers("fitbit-client-python__api_not_found.json")),
    );
  });

  it("every LIVE/DOCS sample in the index is covered by a test above", () => {
    expect(trustedInIndex().filter((f) => !COVERED.has(f))).toEqual([]);
  });
});
