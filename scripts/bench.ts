/**
 * `npm run bench`: how many Fitbit requests (then Google Health requests, scripts/lib/bench-google.ts)
 * a one-year backfill costs per demo person, against
 * the minimum the endpoints allow and a naive one-request-per-day-per-metric client, plus time
 * to first chart and total time. Self-contained: embedded PostgreSQL (temp dir, free port) and
 * the emulator in this process; nothing else needs to run.
 *
 * The emulator's limit is raised so the year completes in one go; the real 150/h limit is
 * reported as the hours it would take (less the margin the engine keeps for the person's own requests).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_CLIENT, DEFAULT_GOOGLE_CLIENT, startEmulator } from "../emulator/server";
import { DEMO_PEOPLE } from "../emulator/people";
import { generateTokenKey } from "../lib/crypto/token-cipher";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";
import { freePort } from "../lib/testing/free-port";
import { connectPerson } from "../lib/testing/connect-person";
import { SAFETY_MARGIN } from "../lib/sync/requester";
import { benchCohort } from "./lib/bench-cohort";
import { benchFairness } from "./lib/bench-fairness";
import { benchGoogle } from "./lib/bench-google";
import { benchPages } from "./lib/bench-pages";
import { benchPush, BENCH_WEBHOOK_SECRET } from "./lib/bench-push";
import { nightlyEnvForEmulator } from "../emulator/nightly-env";

/**
 * Sections, in order. `npm run bench` runs them all; `npm run bench -- cohort` (or several names)
 * runs only those, so one measurement can be retaken without the whole suite.
 */
const SECTIONS = ["backfill", "google", "fairness", "cohort", "pages", "load", "push"] as const;
type Section = (typeof SECTIONS)[number];
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench section: ${unknown.join(", ")}. Sections: ${SECTIONS.join(", ")}.`);
  process.exit(2);
}
const runs = (section: Section) => requested.length === 0 || requested.includes(section);

const HISTORY_DAYS = 365;
const REAL_LIMIT_PER_HOUR = 150;

interface Row {
  person: string;
  groups: Record<string, { used: number; minimum: number }>;
  total: number;
  minimum: number;
  naive: number;
  firstChartMs: number;
  totalMs: number;
  rowsStored: number;
}

const dataDir = mkdtempSync(path.join(tmpdir(), "nightly-bench-"));
const database = await startEmbeddedPostgres({
  dataDir: path.join(dataDir, "pg"),
  port: await freePort(),
  database: "nightly_bench",
});
const emulator = await startEmulator({ port: 0, rateLimitPerHour: 1_000_000 });
try {
  await migrateDatabase(database.url);
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: "http://localhost:3999",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench",
    TOKEN_ENCRYPTION_KEY: generateTokenKey("bench"),
    ...nightlyEnvForEmulator(emulator.url, { fitbit: DEFAULT_CLIENT, google: DEFAULT_GOOGLE_CLIENT }),
    ...{ GOOGLE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET, GOOGLE_WEBHOOK_KEYSET_URL: `${emulator.url}/googlehealthapi/webhooks/webhooks_public_keyset.json` },
    LOG_LEVEL: "warn",
  });
  const { db } = await import("../lib/db/client");
  const { runSync } = await import("../lib/sync/engine");
  const rows: Row[] = [];

  for (const person of runs("backfill") ? DEMO_PEOPLE : []) {
    // Sign in programmatically: the emulator's OAuth flow, then what the sign-in event stores.
    const userId = await connectPerson(emulator.url, person.encodedId);
    const started = Date.now();
    const outcome = await runSync(userId, { historyDays: HISTORY_DAYS });
    const totalMs = Date.now() - started;
    if (outcome.kind !== "completed")
      throw new Error(`${person.displayName}: sync ended ${outcome.kind}`);
    const state = await db.syncState.findFirstOrThrow({ where: { userId } });
    const counts = emulator.state.counters.byUser[person.encodedId] ?? {};
    const used = (...names: string[]) => names.reduce((sum, name) => sum + (counts[name] ?? 0), 0);
    const foodDays = await db.nutritionDaily.count({
      where: { userId: userId, caloriesIn: { gt: 0 } },
    });
    const groups = {
      sleep: {
        used: used("sleep.range", "sleep.date", "sleep.list"),
        minimum: Math.ceil(HISTORY_DAYS / 100),
      },
      hrv: { used: used("hrv.range", "hrv.date"), minimum: Math.ceil(HISTORY_DAYS / 30) },
      "hrv 5-min": { used: used("hrv.intraday.range", "hrv.intraday.date"), minimum: 0 },
      br: {
        used: used("br.range", "br.intraday.range", "br.date", "br.intraday.date"),
        minimum: Math.ceil(HISTORY_DAYS / 30),
      },
      "food series": { used: used("foods.series.caloriesIn", "foods.series.water"), minimum: 2 },
      "food days": { used: used("foods.log.date"), minimum: foodDays },
      devices: { used: used("devices"), minimum: 1 },
    };
    const total = Object.values(groups).reduce((sum, g) => sum + g.used, 0);
    const stored = await Promise.all([
      db.sleepLog.count({ where: { userId: userId } }),
      db.hrvDaily.count({ where: { userId: userId } }),
      db.breathingRateDaily.count({ where: { userId: userId } }),
      db.nutritionDaily.count({ where: { userId: userId } }),
      db.foodLogEntry.count({ where: { userId: userId } }),
    ]);
    rows.push({
      person: `${person.displayName} (${person.archetype})`,
      groups,
      total,
      minimum: Object.values(groups).reduce((sum, g) => sum + g.minimum, 0),
      // One request per day for sleep, HRV, breathing rate and the food log.
      naive: HISTORY_DAYS * 4,
      firstChartMs: (state.recentCompletedAt?.getTime() ?? started) - started,
      totalMs,
      rowsStored: stored.reduce((a, b) => a + b, 0),
    });
  }
  if (runs("backfill")) print(rows);
  if (runs("google")) await benchGoogle(emulator, HISTORY_DAYS);
  if (runs("fairness")) await benchFairness(emulator.url);
  if (runs("cohort")) await benchCohort(database.url);
  if (runs("pages")) await benchPages(database.url, emulator.url, DEMO_PEOPLE[0]!.encodedId);
  // `load`: only the pages section's /dashboard-under-load table (also part of `pages`).
  else if (requested.includes("load")) await benchPages(database.url, emulator.url, DEMO_PEOPLE[0]!.encodedId, "load");
  if (runs("push")) await benchPush(emulator);
  await db.$disconnect();
} finally {
  await emulator.close();
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function print(rows: Row[]) {
  const groupNames = Object.keys(rows[0]?.groups ?? {});
  const header = [
    "person",
    ...groupNames.map((g) => `${g} used/min`),
    "total",
    "min",
    "naive",
    "first chart",
    "total time",
    "hours at 150/h",
  ];
  const body = rows.map((r) => [
    r.person,
    ...groupNames.map((g) => `${r.groups[g]!.used}/${r.groups[g]!.minimum}`),
    String(r.total),
    String(r.minimum),
    String(r.naive),
    `${(r.firstChartMs / 1000).toFixed(2)} s`,
    `${(r.totalMs / 1000).toFixed(1)} s`,
    (r.total / (REAL_LIMIT_PER_HOUR - SAFETY_MARGIN)).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(
    `\nOne-year backfill (${HISTORY_DAYS} days) per demo person, emulator limit raised; "min" = fewest requests the endpoints allow.`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  console.log(
    `\nhours at 150/h = total / ${REAL_LIMIT_PER_HOUR - SAFETY_MARGIN} (engine stops at ${SAFETY_MARGIN} remaining). ` +
      "The recent window (first chart) needs 7 requests, so it is never delayed by the limit; the food days take the hours.",
  );
}

// The queue client the fairness run started keeps reconnecting once the database is gone; the
// benchmark is over, so leave instead of hanging.
process.exit(process.exitCode ?? 0);
