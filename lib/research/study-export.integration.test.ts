/**
 * Study exports against a real PostgreSQL: the long CSV, one wide CSV per metric, Open mHealth
 * JSON and the data dictionary hold the same numbers, only for enrolled participants, the
 * study's metrics and its window, and every export is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let authz: typeof import("../authz/authorize");
let exporter: typeof import("./study-export");
let schemas: typeof import("./schemas");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  exporter = await import("./study-export");
  schemas = await import("./schemas");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);
let counter = 0;

async function person(role: "PARTICIPANT" | "RESEARCHER" = "PARTICIPANT") {
  const user = await db.user.create({ data: { name: `Person, "${++counter}"`, role, timezone: "Europe/Berlin" } });
  return { id: user.id, role, via: "session" as const };
}

async function night(userId: string, date: string, minutes: number, options: { nap?: boolean } = {}) {
  const previous = new Date(day(date).getTime() - 86_400_000).toISOString().slice(0, 10);
  await db.sleepLog.create({
    data: {
      userId, provider: "fitbit", providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: `${previous}T23:10:00.000`, endLocal: `${date}T07:00:00.000`,
      startAt: new Date(`${previous}T22:10:00Z`), endAt: new Date(`${date}T06:00:00Z`), startUtcOffsetMin: 60, endUtcOffsetMin: 60, durationMs: 470 * 60_000,
      isMainSleep: true, type: "STAGES", logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: minutes, minutesAwake: 30,
      minutesToFallAsleep: 5, minutesAfterWakeup: 2, timeInBed: 470, deepMinutes: 70, lightMinutes: minutes - 170, remMinutes: 100, wakeMinutes: 30, levels: {},
    },
  });
  if (options.nap) {
    await db.sleepLog.create({
      data: {
        userId, provider: "fitbit", providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: `${date}T14:00:00.000`, endLocal: `${date}T14:40:00.000`,
        startAt: new Date(`${date}T13:00:00Z`), endAt: new Date(`${date}T13:40:00Z`), startUtcOffsetMin: 60, endUtcOffsetMin: 60, durationMs: 40 * 60_000,
        isMainSleep: false, type: "CLASSIC", logType: "manual", infoCode: 0, efficiency: 90, minutesAsleep: 35, minutesAwake: 5,
        minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: 40, asleepMinutes: 35, restlessMinutes: 3, awakeMinutes: 2, levels: {},
      },
    });
  }
  await db.hrvDaily.create({ data: { userId, provider: "fitbit", date: day(date), dailyRmssd: 30 + (minutes % 17), deepRmssd: 35.5 } });
  await db.breathingRateDaily.create({ data: { userId, provider: "fitbit", date: day(date), fullSleep: 14.2, deepSleep: 13.1, lightSleep: null, remSleep: 15 } });
  await db.nutritionDaily.create({ data: { userId, provider: "fitbit", date: day(date), caloriesIn: 2100, waterMl: 1500, carbsG: 250, fatG: 70, proteinG: 90, fiberG: 25, sodiumMg: 2000, calorieGoal: 2200, foodLogFetched: true } });
}

async function read(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** Minimal RFC 4180 parser for the assertions (quoted fields with doubled quotes, CRLF lines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

async function setUp() {
  const researcher = await person("RESEARCHER");
  const study = await db.study.create({
    data: { name: "Export study", metrics: ["sleep", "hrv", "breathing", "nutrition"], startDate: day("2026-03-01"), endDate: day("2026-03-31"), createdById: researcher.id, members: { create: { userId: researcher.id } } },
  });
  const a = await person();
  const b = await person();
  const left = await person();
  await night(a.id, "2026-02-27", 400); // before the window
  await night(a.id, "2026-03-02", 410, { nap: true });
  await night(a.id, "2026-03-03", 420);
  await night(b.id, "2026-03-03", 380);
  await night(left.id, "2026-03-03", 999);
  const codeA = "P-AAAAA1";
  await db.studyParticipant.create({ data: { studyId: study.id, userId: a.id, studyCode: codeA } });
  await db.studyParticipant.create({ data: { studyId: study.id, userId: b.id, studyCode: "P-BBBBB2" } });
  await db.studyParticipant.create({ data: { studyId: study.id, userId: left.id, studyCode: "P-LEFT03", leftAt: new Date() } });
  const authorized = await authz.authorizeStudy(researcher, study.id);
  return { study: authorized, researcher, codeA };
}

const query = (format: string, extra: Record<string, string> = {}) => schemas.studyExportQuerySchema.parse({ format, from: "2026-01-01", to: "2026-12-31", ...extra });

describe("study export formats", () => {
  it("wide CSV per metric holds exactly the long CSV's values, only for enrolled participants inside the window", async () => {
    const { study } = await setUp();
    const long = parseCsv(await read(await exporter.streamStudyExport(study, query("csv"), "test")));
    expect(long[0]).toEqual(["study_participant_id", "date", "metric", "value", "unit"]);
    const values = long.slice(1);
    expect(new Set(values.map((row) => row[0]))).toEqual(new Set(["P-AAAAA1", "P-BBBBB2"])); // not the one who left
    expect(values.every((row) => row[1]! >= "2026-03-01" && row[1]! <= "2026-03-31")).toBe(true);

    const fromWide = new Map<string, string>();
    for (const metric of ["sleep", "hrv", "breathing", "nutrition"]) {
      const [header, ...rows] = parseCsv(await read(await exporter.streamStudyExport(study, query("wide_csv", { metric }), "test")));
      expect(header!.slice(0, 2)).toEqual(["study_participant_id", "date"]);
      for (const row of rows) header!.slice(2).forEach((column, index) => row[index + 2] !== "" && fromWide.set(`${row[0]}|${row[1]}|${column}`, row[index + 2]!));
    }
    expect(fromWide).toEqual(new Map(values.map((row) => [`${row[0]}|${row[1]}|${row[2]}`, row[3]!])));
    expect(fromWide.get("P-AAAAA1|2026-03-02|sleep_nap_minutes_asleep")).toBe("35");
  });

  it("Open mHealth JSON: sleep episodes with offsets, nightly RMSSD and respiratory rate, study ids only", async () => {
    const { study } = await setUp();
    const points = JSON.parse(await read(await exporter.streamStudyExport(study, query("omh"), "test"))) as Array<{ header: { id: string; user_id: string; schema_id: { name: string; version: string } }; body: Record<string, unknown> & { is_main_sleep?: boolean; total_sleep_time?: { value: number } } }>;
    const byName = (name: string) => points.filter((point) => point.header.schema_id.name === name);
    expect(byName("sleep-episode")).toHaveLength(4); // A: main + nap on 03-02, main on 03-03; B: one
    expect(byName("heart-rate-variability")).toHaveLength(3);
    expect(byName("respiratory-rate")).toHaveLength(3);
    expect(new Set(points.map((point) => point.header.id)).size).toBe(points.length);
    expect(new Set(points.map((point) => point.header.user_id))).toEqual(new Set(["P-AAAAA1", "P-BBBBB2"]));
    const main = byName("sleep-episode").find((point) => point.header.user_id === "P-AAAAA1" && point.body.is_main_sleep && point.body.total_sleep_time?.value === 410)!;
    expect(main.body).toMatchObject({
      effective_time_frame: { time_interval: { start_date_time: "2026-03-01T23:10:00.000+01:00", end_date_time: "2026-03-02T07:00:00.000+01:00" } },
      total_sleep_time: { value: 410, unit: "min" },
      sleep_maintenance_efficiency_percentage: { value: 87, unit: "%" },
    });
    expect(byName("heart-rate-variability")[0]!.body).toMatchObject({ heart_rate_variability: { unit: "ms" }, algorithm: "RMSSD", effective_time_frame: { time_interval: { part_of_day: "night" } } });
    expect(byName("respiratory-rate")[0]!.body).toMatchObject({ respiratory_rate: { value: 14.2, unit: "breaths/min" } });
    expect(JSON.stringify(points)).not.toContain("Person");
  });

  it("the data dictionary names every column the other files hold, with units and how a night is dated", async () => {
    const { study } = await setUp();
    const [header, ...entries] = parseCsv(await read(await exporter.streamStudyExport(study, query("dictionary"), "test")));
    expect(header).toEqual(["file", "column", "unit", "description"]);
    const described = new Set(entries.map((row) => row[1]));
    const long = parseCsv(await read(await exporter.streamStudyExport(study, query("csv"), "test"))).slice(1);
    for (const metric of new Set(long.map((row) => row[2]))) expect(described).toContain(metric);
    for (const metric of ["sleep", "hrv", "breathing", "nutrition"]) {
      const [wideHeader] = parseCsv(await read(await exporter.streamStudyExport(study, query("wide_csv", { metric }), "test")));
      for (const column of wideHeader!) expect(described).toContain(column);
    }
    expect(entries.find((row) => row[1] === "date")![3]).toMatch(/woke up/);
    expect(entries.find((row) => row[1] === "sleep_deep_minutes")![2]).toBe("min");
  });

  it("every export is audited with its format, metric and range", async () => {
    const { study, researcher } = await setUp();
    await read(await exporter.streamStudyExport(study, query("wide_csv", { metric: "hrv" }), "api_token"));
    const entries = await db.auditLog.findMany({ where: { actorId: researcher.id, action: "export" } });
    expect(entries.map((entry) => entry.details)).toEqual([{ from: "2026-01-01", to: "2026-12-31", format: "wide_csv", metric: "hrv", via: "api_token" }]);
  });

  it("bad export queries are refused with a reason (format, metric, dates)", () => {
    const bad = (input: Record<string, string>) => schemas.studyExportQuerySchema.safeParse({ from: "2026-01-01", to: "2026-01-31", ...input });
    expect(bad({ format: "xlsx" }).success).toBe(false);
    expect(bad({ format: "wide_csv" }).error?.issues[0]?.message).toMatch(/needs metric/);
    expect(bad({ format: "csv", metric: "sleep" }).error?.issues[0]?.message).toMatch(/only to format=wide_csv/);
    expect(bad({ format: "wide_csv", metric: "steps" }).success).toBe(false);
    expect(bad({ from: "2026-02-30" }).success).toBe(false);
    expect(bad({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
    expect(bad({ format: "omh" }).success).toBe(true);
  });
});
