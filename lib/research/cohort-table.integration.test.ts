/**
 * The cohort table against a real PostgreSQL: connection status, last device sync and battery,
 * last data sync, coverage inside the window, nights in the last 7 days, the 3-day flag, and
 * server-side sort, filter and pagination.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, setServerEnv } from "../testing/test-env";

type Db = typeof import("../db/client").db;
let db: Db;
let authz: typeof import("../authz/authorize");
let table: typeof import("./cohort-table");

beforeAll(async () => {
  setServerEnv({ databaseUrl: await createTestDatabase(), emulatorUrl: "http://127.0.0.1:9" });
  db = (await import("../db/client")).db;
  authz = await import("../authz/authorize");
  table = await import("./cohort-table");
});

const NOW = new Date("2026-03-20T12:00:00Z");
const day = (date: string) => new Date(`${date}T00:00:00Z`);
let counter = 0;

async function studyOf(options: { showNames?: boolean; start?: string; end?: string | null } = {}) {
  const researcher = await db.user.create({ data: { name: `Researcher ${++counter}`, role: "RESEARCHER" } });
  const study = await db.study.create({
    data: {
      name: "Table", metrics: ["sleep", "hrv"], startDate: day(options.start ?? "2026-03-01"), endDate: options.end === undefined ? null : options.end ? day(options.end) : null,
      showNames: options.showNames ?? false, createdById: researcher.id, members: { create: { userId: researcher.id } },
    },
  });
  const authorized = await authz.authorizeStudy({ id: researcher.id, role: "RESEARCHER", via: "session" }, study.id);
  return { study: authorized };
}

async function participant(studyId: string, code: string, options: { name?: string; nights?: string[]; syncedAt?: Date | null; connections?: Array<{ provider: string; status: "ACTIVE" | "NEEDS_RECONSENT" | "REVOKED" | "RETIRED" }>; devices?: Array<{ battery: string; at: Date }> } = {}) {
  const user = await db.user.create({ data: { name: options.name ?? `Person ${++counter}` } });
  for (const connection of options.connections ?? [{ provider: "fitbit", status: "ACTIVE" as const }]) {
    await db.providerConnection.create({ data: { userId: user.id, provider: connection.provider, providerUserId: `U${++counter}`, status: connection.status, grantedScopes: [] } });
  }
  for (const device of options.devices ?? []) {
    await db.device.create({ data: { userId: user.id, provider: "fitbit", providerDeviceId: `D${++counter}`, deviceVersion: "Charge 6", type: "TRACKER", battery: device.battery, lastSyncLocal: "", lastSyncAt: device.at } });
  }
  if (options.syncedAt !== null) await db.syncState.create({ data: { userId: user.id, provider: "fitbit", lastSyncCompletedAt: options.syncedAt ?? NOW } });
  for (const date of options.nights ?? []) {
    await db.sleepLog.create({
      data: {
        userId: user.id, provider: "fitbit", providerLogId: `L${++counter}`, dateOfSleep: day(date), startLocal: "", endLocal: "", startAt: day(date), endAt: day(date), startUtcOffsetMin: 0, endUtcOffsetMin: 0,
        durationMs: 1, isMainSleep: true, type: "STAGES", logType: "auto_detected", infoCode: 0, efficiency: 90, minutesAsleep: 400, minutesAwake: 20, minutesToFallAsleep: 0, minutesAfterWakeup: 0, timeInBed: 420, levels: {},
      },
    });
  }
  return db.studyParticipant.create({ data: { studyId, userId: user.id, studyCode: code } });
}

const query = (extra: Partial<import("./schemas").CohortQuery> = {}) => ({ sort: "studyCode" as const, dir: "asc" as const, page: 1, ...extra });

describe("cohort table", () => {
  it("shows connection status (active first), the latest device's sync and battery, and flags 3+ days without a data sync", async () => {
    const { study } = await studyOf();
    await participant(study.id, "P-A", {
      connections: [{ provider: "fitbit", status: "RETIRED" }, { provider: "google-health", status: "ACTIVE" }],
      devices: [{ battery: "Low", at: new Date("2026-03-19T08:00:00Z") }, { battery: "High", at: new Date("2026-03-20T08:00:00Z") }],
    });
    await participant(study.id, "P-B", { connections: [{ provider: "fitbit", status: "NEEDS_RECONSENT" }], syncedAt: new Date("2026-03-16T12:00:00Z") });
    await participant(study.id, "P-C", { connections: [], syncedAt: null });
    const { items } = await table.getCohortTable(study, query(), NOW);
    expect(items.map((row) => [row.studyCode, row.provider, row.status, row.battery, row.lastDeviceSync?.toISOString() ?? null, row.stale])).toEqual([
      ["P-A", "google-health", "ACTIVE", "High", "2026-03-20T08:00:00.000Z", false],
      ["P-B", "fitbit", "NEEDS_RECONSENT", null, null, true],
      ["P-C", null, null, null, null, true],
    ]);
    expect((await table.getCohortTable(study, query({ status: "NEEDS_RECONSENT" }), NOW)).items.map((row) => row.studyCode)).toEqual(["P-B"]);
    expect((await table.getCohortTable(study, query({ status: "stale" }), NOW)).items.map((row) => row.studyCode)).toEqual(["P-B", "P-C"]);
  });

  it("counts nights in the last 7 days and coverage only inside the study window", async () => {
    const { study } = await studyOf({ start: "2026-03-01", end: "2026-03-15" });
    await participant(study.id, "P-W", { nights: ["2026-02-28", "2026-03-01", "2026-03-10", "2026-03-14", "2026-03-15", "2026-03-16", "2026-03-19"] });
    const [row] = (await table.getCohortTable(study, query(), NOW)).items;
    // Last 7 days = 03-14..03-20, but the window ended on 03-15: only 03-14 and 03-15 count.
    expect(row!.nights7).toBe(2);
    expect(row!.coverage.sleep).toBeCloseTo(4 / 15, 10);
    expect(row!.coverage.breathing).toBeNull(); // not collected
  });

  it("sorts, filters and pages on the server: 30 people, 25 a page, sorted by coverage or nights", async () => {
    const { study } = await studyOf({ start: "2026-03-01" });
    for (let i = 1; i <= 30; i++) {
      const nights = Array.from({ length: i % 6 }, (_, n) => `2026-03-${String(14 + n).padStart(2, "0")}`);
      await participant(study.id, `P-${String(i).padStart(2, "0")}`, { nights, syncedAt: new Date(NOW.getTime() - i * 3_600_000) });
    }
    const first = await table.getCohortTable(study, query(), NOW);
    const second = await table.getCohortTable(study, query({ page: 2 }), NOW);
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(25);
    expect(second.items.map((row) => row.studyCode)).toEqual(["P-26", "P-27", "P-28", "P-29", "P-30"]);
    const byCoverage = await table.getCohortTable(study, query({ sort: "sleepCoverage", dir: "desc" }), NOW);
    const coverage = byCoverage.items.map((row) => row.coverage.sleep!);
    expect(coverage).toEqual([...coverage].sort((a, b) => b - a));
    expect(byCoverage.items[0]!.studyCode).toBe("P-05"); // 5 nights; ties broken by study id
    const bySync = await table.getCohortTable(study, query({ sort: "lastDataSync", dir: "desc" }), NOW);
    expect(bySync.items.slice(0, 3).map((row) => row.studyCode)).toEqual(["P-01", "P-02", "P-03"]);
    const byNights = await table.getCohortTable(study, query({ sort: "nights7", dir: "asc", page: 2 }), NOW);
    expect(byNights.items.every((row) => row.nights7 === 5)).toBe(true);
    const found = await table.getCohortTable(study, query({ q: "p-1" }), NOW);
    expect(found.items.map((row) => row.studyCode)).toEqual(["P-10", "P-11", "P-12", "P-13", "P-14", "P-15", "P-16", "P-17", "P-18", "P-19"]);
  });

  it("shows each participant's move to Google in plain words (issue 9 §1), read for the page's rows only", async () => {
    const { study } = await studyOf();
    const moved = await participant(study.id, "P-M1", { connections: [{ provider: "fitbit", status: "REVOKED" }, { provider: "google-health", status: "ACTIVE" }] });
    await db.providerConnection.updateMany({ where: { userId: moved.userId, provider: "fitbit" }, data: { movedAt: new Date("2026-03-10T09:00:00Z") } });
    await participant(study.id, "P-M2", { connections: [{ provider: "fitbit", status: "RETIRED" }] });
    const mismatched = await participant(study.id, "P-M3", { connections: [{ provider: "fitbit", status: "RETIRED" }] });
    const noLegacy = await participant(study.id, "P-M4", { connections: [{ provider: "fitbit", status: "RETIRED" }] });
    for (const [who, reason] of [[mismatched, "move_mismatch"], [noLegacy, "move_no_legacy"]] as const) {
      await db.auditLog.create({ data: { action: "signin.refused", outcome: "refused", actorId: who.userId, subjectUserId: who.userId, target: "google-health", details: { reason } } });
    }
    await participant(study.id, "P-M5", { connections: [{ provider: "fitbit", status: "ACTIVE" }] });
    await participant(study.id, "P-M6", { connections: [{ provider: "fitbit", status: "RETIRED" }, { provider: "google-health", status: "ACTIVE" }] });
    await participant(study.id, "P-M7", { connections: [] });
    const { items } = await table.getCohortTable(study, query(), NOW);
    expect(items.map((row) => [row.studyCode, row.move.state, row.move.label])).toEqual([
      ["P-M1", "moved", "Google (moved from Fitbit on 2026-03-10)"],
      ["P-M2", "waiting", "Fitbit — waiting to update to Google"],
      ["P-M3", "refused", "Update refused: different account"],
      ["P-M4", "refused", "Update refused: that Google account has no Fitbit linked"],
      ["P-M5", "none", "Fitbit"],
      ["P-M6", "none", "Google"],
      ["P-M7", "none", "Not connected"],
    ]);
  });

  it("security: search matches names only when the study shows names, and treats % and _ literally", async () => {
    const hidden = await studyOf({ showNames: false });
    await participant(hidden.study.id, "P-N1", { name: "Grace Hopper" });
    expect((await table.getCohortTable(hidden.study, query({ q: "Grace" }), NOW)).total).toBe(0);
    expect((await table.getCohortTable(hidden.study, query(), NOW)).items[0]!.name).toBeNull();
    const shown = await studyOf({ showNames: true });
    await participant(shown.study.id, "P-N2", { name: "Grace Hopper" });
    expect((await table.getCohortTable(shown.study, query({ q: "grace" }), NOW)).items.map((row) => row.name)).toEqual(["Grace Hopper"]);
    expect((await table.getCohortTable(shown.study, query({ q: "%" }), NOW)).total).toBe(0);
    expect((await table.getCohortTable(shown.study, query({ q: "P_N2" }), NOW)).total).toBe(0);
  });
});
