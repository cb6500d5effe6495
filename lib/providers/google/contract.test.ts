/**
 * Contract: every trustworthy Google Health sample (shared/samples/INDEX.md) is accepted by
 * Nightly's parsers and normalized to the right values. Read at test time, never copied.
 */
import { describe, expect, it } from "vitest";
import { readSample } from "@/lib/testing/samples";
import { failureFrom } from "./api-client";
import { normalizeSleep, pointIdOf } from "./normalize";
import { oauthErrorSchema, sleepPageSchema } from "./schemas";

const G = "google-health";

describe("Google Health samples", () => {
  // Short wakes count as wake, taken from the stage they interrupt, as Fitbit counted them: the
  // trimmed sample keeps one 1-minute short wake inside its LIGHT stage (summary 146 → 145).
  it("live sleep list: a stages night on Tokyo time", () => {
    const page = sleepPageSchema.parse(readSample(`${G}/ansanloms-skills__live_sleep_list_trimmed.jsonc`));
    expect(page.nextPageToken).toBe("");
    const point = page.dataPoints[0]!;
    expect(pointIdOf(point)).toBe("8808518358174752984");
    const row = normalizeSleep(pointIdOf(point)!, point.sleep);
    expect(row).toMatchObject({
      providerLogId: "8808518358174752984",
      startLocal: "2026-09-26T13:09:00.000",
      endLocal: "2026-09-26T17:23:00.000",
      startUtcOffsetMin: 540,
      endUtcOffsetMin: 540,
      durationMs: 254 * 60_000,
      isMainSleep: true,
      type: "STAGES",
      minutesAsleep: 247,
      minutesAwake: 7,
      timeInBed: 254,
      efficiency: 97,
      deepMinutes: 48,
      lightMinutes: 145,
      remMinutes: 54,
      wakeMinutes: 7,
      asleepMinutes: null,
    });
    expect(row.dateOfSleep.toISOString().slice(0, 10)).toBe("2026-09-26");
    expect(row.startAt.toISOString()).toBe("2026-09-26T04:09:00.000Z");
    expect(row.levels.data).toEqual([
      { dateTime: "2026-09-26T13:09:00.000", level: "wake", seconds: 360 },
      { dateTime: "2026-09-26T13:15:00.000", level: "light", seconds: 780 },
    ]);
    expect(row.levels.shortData).toEqual([{ dateTime: "2026-09-26T13:16:00.000", level: "wake", seconds: 60 }]);
  });

  it("live reconcile: dataPointName instead of name, a duplicated stages summary counted once", () => {
    const page = sleepPageSchema.parse(readSample(`${G}/ansanloms-skills__live_sleep_reconcile_trimmed.jsonc`));
    const point = page.dataPoints[0]!;
    expect(point.name).toBeUndefined();
    const row = normalizeSleep(pointIdOf(point)!, point.sleep);
    expect(row.providerLogId).toBe("8808518358174752984");
    expect([row.deepMinutes, row.lightMinutes, row.remMinutes, row.wakeMinutes]).toEqual([48, 145, 54, 7]);
  });

  it("docs example: a night with only a summary (no stages, no metadata)", () => {
    const page = sleepPageSchema.parse(readSample(`${G}/ansanloms-skills__docs-endpoints-example_sleep.json`));
    const row = normalizeSleep(pointIdOf(page.dataPoints[0]!)!, page.dataPoints[0]!.sleep);
    expect(row).toMatchObject({ minutesAsleep: 407, minutesAwake: 57, deepMinutes: 114, isMainSleep: false });
    expect(row.dateOfSleep.toISOString().slice(0, 10)).toBe("2026-03-04");
    expect(row.timeInBed).toBe(464); // no minutesInSleepPeriod: the session's length
  });

  const respond = (status: number, file: string) =>
    new Response(JSON.stringify(readSample(`${G}/${file}`)), { status, headers: { "content-type": "application/json" } });

  it("maps Google's error bodies: 401, 403 scope, 429, 400 filter, 400 account not linked", async () => {
    expect((await failureFrom(respond(401, "ansanloms-skills__live_401_unauthenticated.json"), "/p")).failure.kind).toBe("unauthorized");
    expect(
      (await failureFrom(respond(403, "python-google-health-api__errors_access_token_scope_insufficient.json"), "/p")).failure,
    ).toEqual({ kind: "insufficient_scope", message: "Request had insufficient authentication scopes." });
    expect((await failureFrom(respond(429, "python-google-health-api__errors_resource_exhausted.json"), "/p")).failure).toEqual({
      kind: "rate_limited",
      retryAfterSeconds: 60,
    });
    expect((await failureFrom(respond(400, "ansanloms-skills__live_400_invalid_filter_sleep_start_member.json"), "/p")).failure).toMatchObject({
      kind: "client",
      status: 400,
      errorType: "INVALID_DATA_POINT_FILTER",
    });
    expect((await failureFrom(respond(400, "python-google-health-api__errors_account_not_linked.json"), "/p")).failure).toMatchObject({
      kind: "client",
      errorType: "ACCOUNT_NOT_LINKED",
    });
  });

  it("reads the token endpoint's RFC 6749 error body", () => {
    expect(oauthErrorSchema.parse(readSample(`${G}/ansanloms-skills__live_token_invalid_grant.json`)).error).toBe("invalid_grant");
  });

  it("rejects impossible values instead of storing them", () => {
    const page = readSample(`${G}/ansanloms-skills__live_sleep_list_trimmed.jsonc`) as { dataPoints: { sleep: { summary: Record<string, unknown>; interval: Record<string, unknown> } }[] };
    const broken = structuredClone(page);
    broken.dataPoints[0]!.sleep.summary.minutesAsleep = "-5";
    expect(sleepPageSchema.safeParse(broken).success).toBe(false);
    const badOffset = structuredClone(page);
    badOffset.dataPoints[0]!.sleep.interval.startUtcOffset = "+09:00";
    expect(sleepPageSchema.safeParse(badOffset).success).toBe(false);
  });
});
