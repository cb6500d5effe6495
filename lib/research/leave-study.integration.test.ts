/**
 * Leaving a study stops all sharing from that moment, against a real PostgreSQL: the participant
 * view, the cohort table, the streamed export and the per-participant API all stop at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

let db: typeof import("../db/client").db;
let authz: typeof import("../authz/authorize");
let studies: typeof import("./studies");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  studies = await import("./studies");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function setUp() {
  const researcher = await db.user.create({ data: { name: "Rosa", role: "RESEARCHER" } });
  const participant = await db.user.create({ data: { name: "Ada", timezone: "Europe/London" } });
  await db.hrvDaily.create({ data: { userId: participant.id, provider: "fitbit", date: day("2026-03-05"), dailyRmssd: 44 } });
  const study = await db.study.create({ data: { name: "HRV study", metrics: ["hrv"], startDate: day("2026-03-01"), endDate: day("2026-03-31"), createdById: researcher.id, members: { create: { userId: researcher.id } } } });
  const enrolment = await db.studyParticipant.create({ data: { studyId: study.id, userId: participant.id, studyCode: `P-${Math.random().toString(36).slice(2, 8).toUpperCase()}` } });
  const viewer = { id: researcher.id, role: "RESEARCHER" as const, via: "session" as const };
  return { researcher, participant, study, enrolment, viewer };
}

async function exported(viewer: { id: string; role: "RESEARCHER"; via: "session" }, studyId: string): Promise<string> {
  const { streamStudyExport } = await import("./study-export");
  const study = await authz.authorizeStudy(viewer, studyId);
  return new Response(await streamStudyExport(study, { from: "2026-03-01", to: "2026-03-31", format: "csv" }, "test")).text();
}

describe("leaving a study", () => {
  it("stops the participant view, cohort table, export and study subjects at once, and is audited", async () => {
    const { participant, study, enrolment, viewer } = await setUp();
    await expect(authz.authorizeStudyParticipant(viewer, study.id, enrolment.id)).resolves.toBeTruthy();
    expect(await exported(viewer, study.id)).toContain(enrolment.studyCode);
    expect(await studies.myStudiesAsParticipant(participant.id)).toHaveLength(1);

    await studies.leaveStudy(participant.id, study.id);

    await expect(authz.authorizeStudyParticipant(viewer, study.id, enrolment.id)).rejects.toMatchObject({ status: 404 });
    const csv = await exported(viewer, study.id);
    expect(csv).not.toContain(enrolment.studyCode);
    expect(csv).not.toContain("44");
    const subjects = [];
    for await (const subject of authz.studySubjects(await authz.authorizeStudy(viewer, study.id))) subjects.push(subject);
    expect(subjects).toEqual([]);
    const { getCohortTable } = await import("./cohort-table");
    expect((await getCohortTable(await authz.authorizeStudy(viewer, study.id), { sort: "studyCode", dir: "asc", page: 1 }, new Date())).total).toBe(0);
    expect(await studies.myStudiesAsParticipant(participant.id)).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "study.leave", subjectUserId: participant.id, studyId: study.id } })).toBe(1);
  });

  it("security: leaving twice, or leaving a study one is not in, is a 404 that changes nothing", async () => {
    const { participant, study } = await setUp();
    const other = await setUp();
    await studies.leaveStudy(participant.id, study.id);
    await expect(studies.leaveStudy(participant.id, study.id)).rejects.toMatchObject({ status: 404 });
    await expect(studies.leaveStudy(participant.id, other.study.id)).rejects.toMatchObject({ status: 404 });
    expect(await db.studyParticipant.count({ where: { studyId: other.study.id, leftAt: null } })).toBe(1);
  });
});
