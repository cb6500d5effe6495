/**
 * The researcher's side of `npm run bench`: server time of the cohort table and the cohort
 * charts for a study of 50 and one of 500 synthetic participants (120 nights each, same
 * database), and the peak memory of streaming the 500-participant export. Times are the
 * median of repeated calls of the same server functions the pages and API call, after a warm-up.
 */
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
  const { streamStudyExport } = await import("../../lib/research/study-export");
  const { studyExportQuerySchema } = await import("../../lib/research/schemas");

  const researcher = await db.user.create({ data: { name: "Bench Researcher", role: "RESEARCHER" } });
  const viewer = { id: researcher.id, role: researcher.role, via: "session" as const };
  const results: Array<{ size: number; table: number; sorted: number; charts: number }> = [];
  let bigStudyId = "";
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
    bigStudyId = seeded.studyId;
  }

  // Streamed export of the 500: the whole window, long CSV, read to the end like a client would.
  const study = await authorizeStudy(viewer, bigStudyId);
  const query = studyExportQuerySchema.parse({ format: "csv", from: study.window.from, to: defaultChartRange(study).to });
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  let bytes = 0;
  const started = performance.now();
  const reader = (await streamStudyExport(study, query, "bench")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const exportMs = performance.now() - started;
  clearInterval(sampler);

  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  const [small, large] = results;
  console.log(`\nResearch views (synthetic cohorts, ${NIGHTS} nights each; median of ${RUNS} calls, ms of server time):`);
  console.log("participants  cohort table (page 1)  cohort table (sorted by coverage, filtered, page 3)  cohort charts (90 nights)");
  for (const row of results) console.log(`${String(row.size).padEnd(12)}  ${row.table.toFixed(1).padEnd(21)}  ${row.sorted.toFixed(1).padEnd(51)}  ${row.charts.toFixed(1)}`);
  if (small && large) {
    const ratio = (a: number, b: number) => (b / a).toFixed(2);
    console.log(`500 / 50:     ${ratio(small.table, large.table).padEnd(21)}  ${ratio(small.sorted, large.sorted).padEnd(51)}  ${ratio(small.charts, large.charts)}   (goal ≤ 1.30)`);
  }
  console.log(
    `Streamed export, 500 participants × ${NIGHTS} nights, long CSV: ${mb(bytes)} in ${(exportMs / 1000).toFixed(1)} s; ` +
      `peak heap +${mb(peakHeap - baseline.heapUsed)}, peak RSS +${mb(peakRss - baseline.rss)} over the process before the export.`,
  );
}
