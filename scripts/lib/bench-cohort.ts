/**
 * The researcher's side of `npm run bench`: server time of the cohort table and the cohort
 * charts for a study of 50 and one of 500 synthetic participants (120 nights each, same
 * database), and the peak memory of streaming the 500-participant export. Times are the
 * median of repeated calls of the same server functions the pages and API call, after a warm-up.
 */
import v8 from "node:v8";
import vm from "node:vm";
import type { Viewer } from "../../lib/authz/viewer";
import { seedSyntheticCohort } from "./synthetic-cohort";

const NIGHTS = 120;
const RUNS = 7;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: plans and pool connections
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

export async function benchCohort(databaseUrl: string): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { authorizeStudy } = await import("../../lib/authz/authorize");
  const { getCohortTable } = await import("../../lib/research/cohort-table");
  const { getCohortCharts, defaultChartRange } = await import("../../lib/research/cohort-charts");

  const researcher = await db.user.create({ data: { name: "Bench Researcher", role: "RESEARCHER" } });
  const viewer = { id: researcher.id, role: researcher.role, via: "session" as const };
  const results: Array<{ size: number; table: number; sorted: number; charts: number }> = [];
  const studyIds: Array<[number, string]> = [];
  for (const size of [50, 500]) {
    const seeded = await seedSyntheticCohort(databaseUrl, { participants: size, days: NIGHTS, memberIds: [researcher.id], seed: size });
    const study = await authorizeStudy(viewer, seeded.studyId);
    const range = defaultChartRange(study);
    results.push({
      size,
      table: await median(() => authorizeStudy(viewer, seeded.studyId).then((s) => getCohortTable(s, { sort: "studyCode", dir: "asc", page: 1 }))),
      sorted: await median(() => authorizeStudy(viewer, seeded.studyId).then((s) => getCohortTable(s, { sort: "sleepCoverage", dir: "desc", page: 3, status: "ACTIVE" }))),
      charts: await median(() => authorizeStudy(viewer, seeded.studyId).then((s) => getCohortCharts(s, range))),
    });
    studyIds.push([size, seeded.studyId]);
  }

  const exports = [];
  for (const [size, studyId] of studyIds) exports.push({ size, ...(await measureExport(viewer, studyId)) });

  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  const [small, large] = results;
  console.log(`\nResearch views (synthetic cohorts, ${NIGHTS} nights each; median of ${RUNS} calls, ms of server time):`);
  console.log("participants  cohort table (page 1)  cohort table (sorted by coverage, filtered, page 3)  cohort charts (90 nights)");
  for (const row of results) console.log(`${String(row.size).padEnd(12)}  ${row.table.toFixed(1).padEnd(21)}  ${row.sorted.toFixed(1).padEnd(51)}  ${row.charts.toFixed(1)}`);
  if (small && large) {
    const ratio = (a: number, b: number) => (b / a).toFixed(2);
    console.log(`500 / 50:     ${ratio(small.table, large.table).padEnd(21)}  ${ratio(small.sorted, large.sorted).padEnd(51)}  ${ratio(small.charts, large.charts)}   (goal ≤ 1.30)`);
  }
  for (const row of exports) {
    console.log(
      `Streamed export, ${row.size} participants × ${NIGHTS} nights, long CSV: ${mb(row.bytes)} in ${(row.ms / 1000).toFixed(1)} s; ` +
        `peak retained heap (after GC) +${mb(row.retained)}, peak RSS +${mb(row.rss)} over the process before the export.`,
    );
  }
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
