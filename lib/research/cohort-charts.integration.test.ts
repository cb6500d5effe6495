/**
 * Cohort charts against a real PostgreSQL: per-night quartiles across enrolled participants
 * (computed by percentile_cont in the database), one provider per person and night, only the
 * study's metrics and window; the evening-calories scatter with its least-squares trend.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let authz: typeof import("../authz/authorize");
let charts: typeof import("./cohort-charts");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  charts = await import("./cohort-charts");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);
let counter = 0;

async function person(role: "PARTICIPANT" | "RESEARCHER" = "PARTICIPANT") {
  const user = await db.user.create({ data: { name: `Person ${++counter}`, role } });
  return { id: user.id, role, via: "session" as const };
}

async function night(userId: string, date: string, minutes: number, deep: number, provider = "fitbit", isMainSleep = true) {
  await db.sleepLog.create({
    data: {
      userId, provider, providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: `${date}T00:00:00.000`, endLocal: `${date}T07:00:00.000`,
      startAt: day(date), endAt: day(date), startUtcOffsetMin: 0, endUtcOffsetMin: 0, durationMs: (isMainSleep ? 420 : 30) * 60_000,
      isMainSleep, type: "STAGES", logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: minutes, minutesAwake: 20,
      minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: minutes + 20, deepMinutes: deep, lightMinutes: minutes - deep - 90, remMinutes: 90, wakeMinutes: 20, levels: {},
    },
  });
}

async function dinner(userId: string, date: string, calories: number, mealTypeId = 5) {
  await db.foodLogEntry.create({ data: { userId, provider: "fitbit", providerLogId: `F${++counter}`, date: day(date), mealTypeId, name: "Pasta", brand: "", amount: 1, unitName: "plate", calories } });
}

async function studyOf(metrics: string[]) {
  const researcher = await person("RESEARCHER");
  const study = await db.study.create({
    data: { name: "Charts", metrics, startDate: day("2026-03-01"), endDate: day("2026-03-31"), createdById: researcher.id, members: { create: { userId: researcher.id } } },
  });
  const enrol = async (userId: string, leftAt: Date | null = null) => db.studyParticipant.create({ data: { studyId: study.id, userId, studyCode: `P-${++counter}`, leftAt } });
  return { authorized: await authz.authorizeStudy(researcher, study.id), enrol };
}

describe("cohort charts", () => {
  it("per night: median and interquartile band across enrolled participants, one provider and the main sleep per person", async () => {
    const { authorized, enrol } = await studyOf(["sleep", "hrv"]);
    const [a, b, c, left] = [await person(), await person(), await person(), await person()];
    for (const p of [a, b, c, left]) await enrol(p.id, p === left ? new Date() : null);
    await night(a.id, "2026-03-05", 400, 60);
    await night(b.id, "2026-03-05", 420, 80);
    await night(c.id, "2026-03-05", 440, 100, "google-health");
    await night(c.id, "2026-03-05", 999, 999, "fitbit"); // same night from the legacy API: Google wins
    await night(a.id, "2026-03-05", 35, 0, "fitbit", false); // a nap is not the night
    await night(left.id, "2026-03-05", 1000, 500); // left the study
    await night(a.id, "2026-02-20", 100, 10); // before the window
    for (const [p, rmssd] of [[a, 30], [b, 50]] as const) await db.hrvDaily.create({ data: { userId: p.id, provider: "fitbit", date: day("2026-03-05"), dailyRmssd: rmssd } });
    await db.breathingRateDaily.create({ data: { userId: a.id, provider: "fitbit", date: day("2026-03-05"), fullSleep: 15 } });

    const result = await charts.getCohortCharts(authorized, { from: "2026-01-01", to: "2026-03-06" });
    expect(result).toMatchObject({ from: "2026-03-01", to: "2026-03-06" });
    expect(result!.nights.map((row) => row.date)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]);
    const fifth = result!.nights.find((row) => row.date === "2026-03-05")!;
    expect(fifth).toMatchObject({
      sleepN: 3,
      totalSleep: { p25: 410, median: 420, p75: 430 },
      deep: { p25: 70, median: 80, p75: 90 },
      hrvN: 2,
      hrv: { p25: 35, median: 40, p75: 45 },
      breathingN: 0, // the study does not collect breathing rate
      breathing: null,
    });
    expect(result!.nights[0]).toMatchObject({ sleepN: 0, totalSleep: null });
    expect(result!.scatter).toBeNull(); // no nutrition in this study
  });

  it("evening calories against deep sleep: one point per participant-night, trend fitted in SQL", async () => {
    const { authorized, enrol } = await studyOf(["sleep", "nutrition"]);
    const [a, b] = [await person(), await person()];
    await enrol(a.id);
    await enrol(b.id);
    // deep = 120 - 0.05 × calories, exactly.
    await dinner(a.id, "2026-03-09", 600);
    await dinner(a.id, "2026-03-09", 200, 6); // evening snack counts
    await dinner(a.id, "2026-03-09", 900, 3); // lunch does not
    await night(a.id, "2026-03-10", 420, 80);
    await dinner(b.id, "2026-03-09", 400);
    await night(b.id, "2026-03-10", 420, 100);
    await dinner(b.id, "2026-03-10", 1200);
    await night(b.id, "2026-03-11", 420, 60);
    await night(b.id, "2026-03-12", 420, 90); // no dinner the day before: no point

    const result = await charts.getCohortCharts(authorized, { from: "2026-03-01", to: "2026-03-31" });
    expect(result!.scatter!.total).toBe(3);
    expect(result!.scatter!.points.map((point) => [point.eveningCalories, point.deepMinutes]).sort((x, y) => x[0]! - y[0]!)).toEqual([[400, 100], [800, 80], [1200, 60]]);
    expect(result!.scatter!.trend!.slope).toBeCloseTo(-0.05, 10);
    expect(result!.scatter!.trend!.intercept).toBeCloseTo(120, 8);
    expect(result!.scatter!.trend!.r2).toBeCloseTo(1, 8);
  });

  it("security: a range wholly outside the study window gives nothing", async () => {
    const { authorized } = await studyOf(["sleep"]);
    expect(await charts.getCohortCharts(authorized, { from: "2026-05-01", to: "2026-05-31" })).toBeNull();
  });
});
