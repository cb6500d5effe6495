/**
 * The per-person cache (decision 0020) against a real PostgreSQL: a cached summary is never older
 * than the person's committed data — after a sync commit, a deletion, or a write from another
 * process (a separate connection, as a worker would make) — and never crosses people or grants.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let databaseUrl: string;
let authz: typeof import("../authz/authorize");
let sleep: typeof import("../queries/sleep-nights");
let writers: typeof import("../sync/writers");
let deletion: typeof import("../admin/delete-synced-data");
let cache: typeof import("./person-cache");
let version: typeof import("./person-data-version");

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  setServerEnv({ databaseUrl, emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  sleep = await import("../queries/sleep-nights");
  writers = await import("../sync/writers");
  deletion = await import("../admin/delete-synced-data");
  cache = await import("./person-cache");
  version = await import("./person-data-version");
});

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const RANGE = { from: "2026-03-01", to: "2026-03-07" };
let counter = 0;

async function person(role: "PARTICIPANT" | "RESEARCHER" = "PARTICIPANT") {
  const user = await db.user.create({ data: { name: `Person ${++counter}`, role, timezone: "Europe/London" } });
  return { id: user.id, role, via: "session" as const };
}

function sleepRow(date: string, minutes: number) {
  return {
    providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: `${date}T00:00:00.000`, endLocal: `${date}T07:00:00.000`,
    startAt: new Date(`${date}T00:00:00Z`), endAt: new Date(`${date}T07:00:00Z`), startUtcOffsetMin: 0, endUtcOffsetMin: 0, durationMs: 7 * 3600_000,
    isMainSleep: true, type: "STAGES" as const, logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: minutes, minutesAwake: 20,
    minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: minutes + 20, deepMinutes: 60, lightMinutes: minutes - 150, remMinutes: 90, wakeMinutes: 20,
    asleepMinutes: null, restlessMinutes: null, awakeMinutes: null, thirtyDayAvgMinutes: null, levels: { data: [], shortData: [] },
  };
}

/** A sync commit as the engine makes it: the chunk's rows in one transaction (lib/sync/writers.ts). */
async function syncCommit(userId: string, date: string, minutes: number) {
  await db.$transaction((tx) => writers.writeSleepLogs(tx, userId, "fitbit", { start: date, end: date }, [sleepRow(date, minutes)]));
}

/** The dashboard's read: getSleepNights through the cache, as app/dashboard/page.tsx calls it. */
async function cachedNights(subject: import("../authz/subject").AuthorizedSubject) {
  const result = await cache.forSubject(subject, "sleepNights", RANGE, () => sleep.getSleepNights(subject, RANGE));
  return result.nights.flatMap((night) => (night.minutesAsleep === null ? [] : [`${night.date} ${night.minutesAsleep}`]));
}

describe("per-person cache", () => {
  it("serves the new night right after a sync commit", async () => {
    const viewer = await person();
    const subject = authz.authorizeSelf(viewer);
    await syncCommit(viewer.id, "2026-03-02", 400);
    expect(await cachedNights(subject)).toEqual(["2026-03-02 400"]);
    // Unchanged data: the cached result itself comes back (no new computation).
    const first = await cache.forSubject(subject, "sleepNights", RANGE, () => sleep.getSleepNights(subject, RANGE));
    const again = await cache.forSubject(subject, "sleepNights", RANGE, () => Promise.reject(new Error("recomputed")));
    expect(again).toBe(first);

    await syncCommit(viewer.id, "2026-03-05", 430);
    expect(await cachedNights(subject)).toEqual(["2026-03-02 400", "2026-03-05 430"]);
    // A re-synced night with changed numbers (an update, not an insert) shows too.
    await syncCommit(viewer.id, "2026-03-05", 445);
    expect(await cachedNights(subject)).toEqual(["2026-03-02 400", "2026-03-05 445"]);
  });

  it("shows nothing right after the person's data is deleted", async () => {
    const viewer = await person();
    const subject = authz.authorizeSelf(viewer);
    await syncCommit(viewer.id, "2026-03-03", 410);
    expect(await cachedNights(subject)).toEqual(["2026-03-03 410"]);
    await db.$transaction((tx) => deletion.deleteSyncedData(tx, viewer.id));
    expect(await cachedNights(subject)).toEqual([]);
  });

  it("sees a write another process committed (the database is the only thing processes share)", async () => {
    const viewer = await person();
    const subject = authz.authorizeSelf(viewer);
    await syncCommit(viewer.id, "2026-03-04", 420);
    expect(await cachedNights(subject)).toEqual(["2026-03-04 420"]);
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query(`UPDATE "SleepLog" SET "minutesAsleep" = 333 WHERE "userId" = $1`, [viewer.id]);
    } finally {
      await other.end();
    }
    expect(await cachedNights(subject)).toEqual(["2026-03-04 333"]);
  });

  it("keeps a person's version when housekeeping folds their change rows, and moves it on the next write", async () => {
    const viewer = await person();
    await syncCommit(viewer.id, "2026-03-01", 400);
    await syncCommit(viewer.id, "2026-03-02", 400);
    const before = await version.personDataVersion(viewer.id);
    await version.compactPersonDataChanges();
    expect(await db.personDataChange.count({ where: { userId: viewer.id } })).toBe(1);
    const [total] = before.split(".");
    expect((await version.personDataVersion(viewer.id)).split(".")[0]).toBe(total);
    await syncCommit(viewer.id, "2026-03-03", 400);
    expect((await version.personDataVersion(viewer.id)).split(".")[0]).not.toBe(total);
  });

  it("security: the person cache never serves one person's data to another", async () => {
    const ada = await person();
    const bob = await person();
    await syncCommit(ada.id, "2026-03-02", 480);
    await syncCommit(bob.id, "2026-03-02", 300);
    // Both people's versions can be equal numbers; the key holds the person, so each sees their own.
    expect(await cachedNights(authz.authorizeSelf(ada))).toEqual(["2026-03-02 480"]);
    expect(await cachedNights(authz.authorizeSelf(bob))).toEqual(["2026-03-02 300"]);
    expect(await cachedNights(authz.authorizeSelf(ada))).toEqual(["2026-03-02 480"]);
    // The same self-reads keyed by person: Bob never gets Ada's entry.
    const adaSelf = await cache.forSelf(ada.id, "who", null, async () => ada.id);
    const bobSelf = await cache.forSelf(bob.id, "who", null, async () => bob.id);
    expect([adaSelf, bobSelf]).toEqual([ada.id, bob.id]);
  });

  it("security: a researcher's windowed view of a participant is cached apart from the participant's own", async () => {
    const researcher = await person("RESEARCHER");
    const participant = await person();
    await syncCommit(participant.id, "2026-03-02", 400);
    await syncCommit(participant.id, "2026-03-06", 450);
    const study = await db.study.create({
      data: { name: "Week", metrics: ["sleep"], startDate: day("2026-03-01"), endDate: day("2026-03-03"), createdById: researcher.id, members: { create: { userId: researcher.id } } },
    });
    const enrolment = await db.studyParticipant.create({ data: { studyId: study.id, userId: participant.id, studyCode: `P-${++counter}` } });
    expect(await cachedNights(authz.authorizeSelf(participant))).toEqual(["2026-03-02 400", "2026-03-06 450"]);
    const { subject } = await authz.authorizeStudyParticipant(researcher, study.id, enrolment.id);
    expect(await cachedNights(subject)).toEqual(["2026-03-02 400"]);
  });
});
