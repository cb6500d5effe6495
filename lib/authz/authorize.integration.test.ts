/**
 * The authorization rules against a real PostgreSQL: who may read whose data, which metrics,
 * which dates, and that every refusal lands in the append-only audit log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let authz: typeof import("./authorize");
let sleep: typeof import("../queries/sleep-nights");
let exporter: typeof import("../queries/export");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("./authorize");
  sleep = await import("../queries/sleep-nights");
  exporter = await import("../queries/export");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);
let counter = 0;

async function person(role: "PARTICIPANT" | "RESEARCHER" | "ADMIN" = "PARTICIPANT") {
  const user = await db.user.create({ data: { name: `Person ${++counter}`, role, timezone: "Europe/London" } });
  return { id: user.id, role, via: "session" as const };
}

async function night(userId: string, date: string, minutes: number) {
  await db.sleepLog.create({
    data: {
      userId, provider: "fitbit", providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: `${date}T00:00:00.000`, endLocal: `${date}T07:00:00.000`,
      startAt: new Date(`${date}T00:00:00Z`), endAt: new Date(`${date}T07:00:00Z`), startUtcOffsetMin: 0, endUtcOffsetMin: 0, durationMs: 7 * 3600_000,
      isMainSleep: true, type: "STAGES", logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: minutes, minutesAwake: 20,
      minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: minutes + 20, deepMinutes: 60, lightMinutes: minutes - 150, remMinutes: 90, wakeMinutes: 20, levels: {},
    },
  });
  await db.hrvDaily.create({ data: { userId, provider: "fitbit", date: day(date), dailyRmssd: 40 } });
}

async function studyWith(researcherId: string, metrics: string[], start = "2026-03-01", end: string | null = "2026-03-31") {
  return db.study.create({
    data: { name: "Sleep study", metrics, startDate: day(start), endDate: end ? day(end) : null, createdById: researcherId, members: { create: { userId: researcherId } } },
  });
}

async function enrol(studyId: string, userId: string, leftAt: Date | null = null) {
  return db.studyParticipant.create({ data: { studyId, userId, studyCode: `P-${++counter}`, leftAt } });
}

async function refusalsFor(actorId: string) {
  return db.auditLog.findMany({ where: { actorId, action: "authz.refused" } });
}

describe("authorization layer", () => {
  it("gives a researcher an enrolled participant's data only for the study's metrics and window", async () => {
    const researcher = await person("RESEARCHER");
    const participant = await person();
    await night(participant.id, "2026-02-20", 400); // before the window
    await night(participant.id, "2026-03-10", 420);
    await night(participant.id, "2026-04-05", 430); // after the window
    const study = await studyWith(researcher.id, ["sleep"]);
    const enrolment = await enrol(study.id, participant.id);

    const { subject } = await authz.authorizeStudyParticipant(researcher, study.id, enrolment.id);
    const nights = await sleep.getSleepNights(subject, { from: "2026-01-01", to: "2026-12-31" });
    expect(nights.from).toBe("2026-03-01");
    expect(nights.to).toBe("2026-03-31");
    expect(nights.nights.filter((row) => row.minutesAsleep !== null).map((row) => row.date)).toEqual(["2026-03-10"]);
    const rows = await exporter.getExportRows(subject, { from: "2026-01-01", to: "2026-12-31" }, "METRIC");
    expect(new Set(rows.map((row) => row.metric.split("_")[0]))).toEqual(new Set(["sleep"])); // no HRV: not collected
    expect(rows.every((row) => row.date >= "2026-03-01" && row.date <= "2026-03-31")).toBe(true);
  });

  it("security: refuses a range wholly outside the study window", async () => {
    const researcher = await person("RESEARCHER");
    const study = await studyWith(researcher.id, ["sleep", "hrv"]);
    const enrolment = await enrol(study.id, (await person()).id);
    const { subject } = await authz.authorizeStudyParticipant(researcher, study.id, enrolment.id);
    await expect(sleep.getSleepNights(subject, { from: "2026-05-01", to: "2026-05-10" })).rejects.toMatchObject({ status: 404 });
  });

  it("security: refuses a participant of someone else's study, with an audit entry and no data", async () => {
    const mine = await person("RESEARCHER");
    const theirs = await person("RESEARCHER");
    const theirStudy = await studyWith(theirs.id, ["sleep"]);
    const enrolment = await enrol(theirStudy.id, (await person()).id);
    await expect(authz.authorizeStudyParticipant(mine, theirStudy.id, enrolment.id)).rejects.toMatchObject({ status: 404, message: "Not found." });
    // Own study id, other study's participant id: still refused.
    const myStudy = await studyWith(mine.id, ["sleep"]);
    await expect(authz.authorizeStudyParticipant(mine, myStudy.id, enrolment.id)).rejects.toMatchObject({ status: 404 });
    const audit = await refusalsFor(mine.id);
    expect(audit.map((entry) => entry.studyId)).toEqual([theirStudy.id, myStudy.id]);
    expect(audit.every((entry) => entry.outcome === "refused")).toBe(true);
  });

  it("security: refuses a participant who left the study", async () => {
    const researcher = await person("RESEARCHER");
    const study = await studyWith(researcher.id, ["sleep"]);
    const left = await enrol(study.id, (await person()).id, new Date());
    await expect(authz.authorizeStudyParticipant(researcher, study.id, left.id)).rejects.toMatchObject({ status: 404 });
    expect(await refusalsFor(researcher.id)).toHaveLength(1);
  });

  it("security: an admin sees health data only through a study they belong to", async () => {
    const admin = await person("ADMIN");
    const researcher = await person("RESEARCHER");
    const study = await studyWith(researcher.id, ["sleep"]);
    const enrolment = await enrol(study.id, (await person()).id);
    await expect(authz.authorizeStudyParticipant(admin, study.id, enrolment.id)).rejects.toMatchObject({ status: 404 });
    await db.studyMember.create({ data: { studyId: study.id, userId: admin.id } });
    await expect(authz.authorizeStudyParticipant(admin, study.id, enrolment.id)).resolves.toMatchObject({ study: { id: study.id } });
  });

  it("security: a researcher whose role was removed loses the study on the next check", async () => {
    const researcher = await person("RESEARCHER");
    const study = await studyWith(researcher.id, ["sleep"]);
    await expect(authz.authorizeStudy(researcher, study.id)).resolves.toMatchObject({ id: study.id });
    await expect(authz.authorizeStudy({ ...researcher, role: "PARTICIPANT" }, study.id)).rejects.toMatchObject({ status: 404 });
  });

  it("security: a missing role is an audited 403", async () => {
    const participant = await person();
    await expect(authz.requireRole(participant, ["ADMIN"], "/admin")).rejects.toMatchObject({ status: 403 });
    expect((await refusalsFor(participant.id))[0]).toMatchObject({ target: "/admin", outcome: "refused" });
  });

  it("a person's own subject covers every metric and date", async () => {
    const participant = await person();
    await night(participant.id, "2025-01-01", 400);
    const nights = await sleep.getSleepNights(authz.authorizeSelf(participant), { from: "2025-01-01", to: "2025-01-01" });
    expect(nights.nightCount).toBe(1);
  });

  it("security: the audit log is append-only (UPDATE, DELETE and TRUNCATE refused by the database)", async () => {
    const participant = await person();
    await expect(authz.requireRole(participant, ["ADMIN"])).rejects.toBeTruthy();
    const [entry] = await refusalsFor(participant.id);
    await expect(db.auditLog.update({ where: { id: entry!.id }, data: { outcome: "ok" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry!.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    expect(await refusalsFor(participant.id)).toHaveLength(1);
  });
});

describe("cohort table", () => {
  it("lists only enrolled participants with coverage inside the window, sorted and filtered in SQL", async () => {
    const { getCohortTable } = await import("../research/cohort-table");
    const researcher = await person("RESEARCHER");
    const study = await studyWith(researcher.id, ["sleep", "hrv"], "2026-03-01", "2026-03-10");
    const a = await person();
    const b = await person();
    await night(a.id, "2026-03-02", 400);
    await night(a.id, "2026-03-03", 400);
    await night(a.id, "2026-04-01", 400); // outside the window
    await enrol(study.id, a.id);
    await enrol(study.id, b.id);
    await enrol(study.id, (await person()).id, new Date()); // left
    const authorized = await authz.authorizeStudy(researcher, study.id);
    const table = await getCohortTable(authorized, { sort: "sleepCoverage", dir: "desc", page: 1 }, new Date("2026-03-20T12:00:00Z"));
    expect(table.total).toBe(2);
    expect(table.items[0]?.coverage).toMatchObject({ sleep: 0.2, hrv: 0.2, breathing: null, nutrition: null });
    expect(table.items[1]?.coverage.sleep).toBe(0);
    expect(table.items.every((row) => row.stale)).toBe(true);
    const filtered = await getCohortTable(authorized, { sort: "studyCode", dir: "asc", page: 1, q: table.items[1]!.studyCode }, new Date("2026-03-20T12:00:00Z"));
    expect(filtered.items.map((row) => row.studyCode)).toEqual([table.items[1]!.studyCode]);
  });
});
