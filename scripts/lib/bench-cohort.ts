/**
 * The researcher's side of `npm run bench`: server time of the cohort table and the cohort
 * charts for a study of 50 and one of 500 synthetic participants (120 nights each, same
 * database), the peak memory of streaming the 500-participant export, and what the aggregates
 * the views read (decision 0015) cost the writers: seeding, and one participant's sync chunk.
 * Times are medians of repeated calls of the same server functions the pages and API call; the
 * calls for 50 and 500 alternate, so load from other processes on a shared machine falls on both.
 */
import v8 from "node:v8";
import vm from "node:vm";
import type { Viewer } from "../../lib/authz/viewer";
import { FITBIT_PROVIDER_ID } from "../../lib/providers/fitbit/id";
import type { SleepLogRow } from "../../lib/providers/model";
import { seedSyntheticCohort } from "./synthetic-cohort";

const NIGHTS = 120;
const RUNS = 41;
const CHUNK_NIGHTS = 30;
const SIZES = [50, 500] as const;

const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** Median ms of `run(size)` for each size, the sizes called in turn (after one warm-up each: plans, pool connections). */
async function alternating(run: (size: number) => Promise<unknown>): Promise<Map<number, number>> {
  const times = new Map<number, number[]>(SIZES.map((size) => [size, []]));
  for (const size of SIZES) await run(size);
  for (let i = 0; i < RUNS; i++) {
    for (const size of i % 2 === 0 ? SIZES : [...SIZES].reverse()) {
      const started = performance.now();
      await run(size);
      times.get(size)!.push(performance.now() - started);
    }
  }
  return new Map(SIZES.map((size) => [size, medianOf(times.get(size)!)]));
}

export async function benchCohort(databaseUrl: string): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { authorizeStudy } = await import("../../lib/authz/authorize");
  const { getCohortTable } = await import("../../lib/research/cohort-table");
  const { getCohortCharts, defaultChartRange } = await import("../../lib/research/cohort-charts");

  const researcher = await db.user.create({ data: { name: "Bench Researcher", role: "RESEARCHER" } });
  const viewer = { id: researcher.id, role: researcher.role, via: "session" as const };
  const studyIds = new Map<number, string>();
  const seedMs = new Map<number, number>();
  for (const size of SIZES) {
    const started = performance.now();
    const seeded = await seedSyntheticCohort(databaseUrl, { participants: size, days: NIGHTS, memberIds: [researcher.id], seed: size });
    seedMs.set(size, performance.now() - started);
    studyIds.set(size, seeded.studyId);
  }
  const study = (size: number) => authorizeStudy(viewer, studyIds.get(size)!);
  const range = defaultChartRange(await study(SIZES[0]));
  const table = await alternating((size) => study(size).then((s) => getCohortTable(s, { sort: "studyCode", dir: "asc", page: 1 })));
  const sorted = await alternating((size) => study(size).then((s) => getCohortTable(s, { sort: "sleepCoverage", dir: "desc", page: 1, status: "ACTIVE" })));
  const charts = await alternating((size) => study(size).then((s) => getCohortCharts(s, range)));
  const chunk = await alternating(await chunkCommit(studyIds));

  const exports = [];
  for (const [size, studyId] of studyIds) exports.push({ size, ...(await measureExport(viewer, studyId)) });

  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  const cells = (size: number) => [table.get(size)!, sorted.get(size)!, charts.get(size)!, chunk.get(size)!];
  const widths = [21, 53, 25, 0];
  const line = (first: string, values: string[]) => `${first.padEnd(12)}  ${values.map((value, i) => value.padEnd(widths[i]!)).join("  ")}`;
  console.log(`\nResearch views (synthetic cohorts, ${NIGHTS} nights each; median of ${RUNS} calls, 50 and 500 alternating; ms of server time):`);
  console.log(line("participants", ["cohort table (page 1)", "cohort table (sorted by coverage, filtered to active)", "cohort charts (90 nights)", `sync chunk commit (${CHUNK_NIGHTS} nights of one participant)`]));
  for (const size of SIZES) console.log(line(String(size), cells(size).map((ms) => ms.toFixed(1))));
  const [small, large] = SIZES.map(cells);
  console.log(line("500 / 50:", small!.map((ms, i) => (large![i]! / ms).toFixed(2))) + "   (goal ≤ 1.30 for the views)");
  console.log(`Seeding (set-based SQL, aggregates maintained by the triggers at commit): ${SIZES.map((size) => `${size} participants ${(seedMs.get(size)! / 1000).toFixed(1)} s`).join(", ")}.`);
  for (const row of exports) {
    console.log(
      `Streamed export, ${row.size} participants × ${NIGHTS} nights, long CSV: ${mb(row.bytes)} in ${(row.ms / 1000).toFixed(1)} s; ` +
        `peak retained heap (after GC) +${mb(row.retained)}, peak RSS +${mb(row.rss)} over the process before the export.`,
    );
  }
}

/**
 * One participant's sync chunk as the engine commits it (lib/sync/writers.ts in a transaction):
 * their last CHUNK_NIGHTS nights rewritten with other minutes each time, so every call changes
 * nights and the study's aggregates for them are recomputed at commit.
 */
async function chunkCommit(studyIds: Map<number, string>) {
  const { db } = await import("../../lib/db/client");
  const { writeSleepLogs } = await import("../../lib/sync/writers");
  const { addDays, fromDbDate } = await import("../../lib/dates");
  const people = new Map<number, { userId: string; logs: Awaited<ReturnType<typeof db.sleepLog.findMany>> }>();
  for (const [size, studyId] of studyIds) {
    const { userId } = await db.studyParticipant.findFirstOrThrow({ where: { studyId }, orderBy: { studyCode: "asc" } });
    const last = await db.sleepLog.findFirstOrThrow({ where: { userId }, orderBy: { dateOfSleep: "desc" } });
    const start = addDays(fromDbDate(last.dateOfSleep), -(CHUNK_NIGHTS - 1));
    const logs = await db.sleepLog.findMany({ where: { userId, dateOfSleep: { gte: new Date(`${start}T00:00:00Z`) } } });
    people.set(size, { userId, logs });
  }
  let round = 0;
  return async (size: number) => {
    const { userId, logs } = people.get(size)!;
    const shift = ++round % 2 === 0 ? 5 : -5;
    const range = { start: fromDbDate(logs.reduce((a, l) => (l.dateOfSleep < a ? l.dateOfSleep : a), logs[0]!.dateOfSleep)), end: fromDbDate(logs.reduce((a, l) => (l.dateOfSleep > a ? l.dateOfSleep : a), logs[0]!.dateOfSleep)) };
    const rows: SleepLogRow[] = logs.map((log) => ({
      providerLogId: log.providerLogId, dateOfSleep: log.dateOfSleep, startLocal: log.startLocal, endLocal: log.endLocal, startAt: log.startAt, endAt: log.endAt,
      startUtcOffsetMin: log.startUtcOffsetMin, endUtcOffsetMin: log.endUtcOffsetMin, durationMs: log.durationMs, isMainSleep: log.isMainSleep, type: log.type,
      logType: log.logType, infoCode: log.infoCode, efficiency: log.efficiency, minutesAsleep: log.minutesAsleep + shift, minutesAwake: log.minutesAwake,
      minutesToFallAsleep: log.minutesToFallAsleep, minutesAfterWakeup: log.minutesAfterWakeup, timeInBed: log.timeInBed, deepMinutes: log.deepMinutes,
      lightMinutes: log.lightMinutes, remMinutes: log.remMinutes, wakeMinutes: log.wakeMinutes, asleepMinutes: log.asleepMinutes, restlessMinutes: log.restlessMinutes,
      awakeMinutes: log.awakeMinutes, thirtyDayAvgMinutes: null, levels: { data: [], shortData: [] },
    }));
    await db.$transaction((tx) => writeSleepLogs(tx, userId, FITBIT_PROVIDER_ID, range, rows));
  };
}

/**
 * Streams a study's whole window as long CSV and reads it to the end like a client. Memory is
 * sampled every 50 ms after a forced GC, so "retained" is what the export holds, not garbage
 * waiting for collection.
 */
async function measureExport(viewer: Viewer, studyId: string) {
  const { authorizeStudy } = await import("../../lib/authz/authorize");
  const { defaultChartRange } = await import("../../lib/research/cohort-charts");
  const { streamStudyExport } = await import("../../lib/research/study-export");
  const { studyExportQuerySchema } = await import("../../lib/research/schemas");
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const study = await authorizeStudy(viewer, studyId);
  const query = studyExportQuerySchema.parse({ format: "csv", from: study.window.from, to: defaultChartRange(study).to });
  gc();
  const baseline = process.memoryUsage();
  let retained = 0;
  let rss = 0;
  const sampler = setInterval(() => {
    gc();
    const now = process.memoryUsage();
    retained = Math.max(retained, now.heapUsed - baseline.heapUsed);
    rss = Math.max(rss, now.rss - baseline.rss);
  }, 50);
  let bytes = 0;
  const started = performance.now();
  const reader = (await streamStudyExport(study, query, "bench")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { bytes, ms, retained, rss };
}
