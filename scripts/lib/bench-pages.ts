/**
 * The participant's side of `npm run bench` (issue 10 §4), against a real `next start`:
 * - first-load JavaScript per dashboard page: every script a real Chromium downloads until the page
 *   is idle, compressed bytes as transferred;
 * - server render time of each dashboard page for one year against one week (median of repeated
 *   requests of the whole HTML document);
 * - /dashboard under 1 and under 50 concurrent signed-in sessions: throughput, p50/p95, errors.
 * People: one demo person synced for a year through the emulator, plus synthetic participants
 * with a year of nights each, so 50 sessions are 50 different people.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { chromium } from "@playwright/test";
import { freePort } from "../../lib/testing/free-port";
import { buildIfNeeded } from "./build";
import { parseEnv } from "../../lib/config/env-schema";
import { forkNextServers, webProcessCount } from "./processes";
import { seedSyntheticCohort } from "./synthetic-cohort";
import { reportColdRequests } from "./bench-cold";
import { cpuSeconds } from "./process-cpu";
import { waitForHttp } from "./wait";

const PAGES = ["/dashboard", "/dashboard/sleep", "/dashboard/hrv", "/dashboard/breathing", "/dashboard/nutrition"];
const RENDER_RUNS = 15;
const LOAD_SECONDS = 15;
const SESSIONS = 50;
const KB = 1024;

/** `only: "load"` (`npm run bench -- load`): the same people and server, only the load table. */
export async function benchPages(databaseUrl: string, emulatorUrl: string, demoPersonId: string, only?: "load"): Promise<void> {
  const { connectPerson } = await import("../../lib/testing/connect-person");
  const { runSync } = await import("../../lib/sync/engine");
  const { db } = await import("../../lib/db/client");

  const userId = await connectPerson(emulatorUrl, demoPersonId);
  const outcome = await runSync(userId, { historyDays: 365 });
  if (outcome.kind !== "completed") throw new Error(`demo person's sync ended ${outcome.kind}`);
  const researcher = await db.user.create({ data: { name: "Bench pages researcher", role: "RESEARCHER" } });
  const cohort = await seedSyntheticCohort(databaseUrl, { participants: SESSIONS - 1, days: 365, memberIds: [researcher.id], seed: 7 });
  const others = await db.studyParticipant.findMany({ where: { studyId: cohort.studyId }, select: { userId: true } });
  const cookies = await Promise.all([userId, ...others.map((row) => row.userId)].map((id) => newSession(databaseUrl, id)));

  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: appUrl, NIGHTLY_WORKER: "off" };
  buildIfNeeded(env);
  // As `npm start` runs them (scripts/lib/launch-web.ts): NIGHTLY_WEB_PROCESSES servers on one port.
  const processes = webProcessCount(parseEnv(env).NIGHTLY_WEB_PROCESSES);
  const servers = forkNextServers(processes, port, env, { quiet: true, watch: false });
  console.log(`\nDashboard pages against \`next start\` as \`npm start\` runs it: ${processes} web process${processes > 1 ? "es" : ""} (NIGHTLY_WEB_PROCESSES), no sync worker in them.`);
  try {
    await waitForHttp(`${appUrl}/api/health`);
    const own = cookies[0]!;
    if (only !== "load") {
      await reportBytes(appUrl, own);
      await reportRenderTimes(appUrl, own, servers.map((server) => server.pid!));
    }
    const pids = servers.flatMap((server) => (server.pid ? [server.pid] : []));
    await reportLoad(appUrl, cookies, pids);
    await reportColdRequests(appUrl, databaseUrl, [userId, ...others.map((row) => row.userId)], cookies, pids);
  } finally {
    await Promise.all(
      servers.map(async (server) => {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }),
    );
  }
}

async function newSession(databaseUrl: string, userId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = randomBytes(24).toString("hex");
    // As a sign-in makes it (maxAge 30 days): NextAuth then rewrites it once a day, not per request.
    await client.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '30 days')`, [
      `bench${randomBytes(10).toString("hex")}`,
      token,
      userId,
    ]);
    return token;
  } finally {
    await client.end();
  }
}

async function reportBytes(appUrl: string, sessionToken: string): Promise<void> {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch(executablePath ? { executablePath } : {});
  try {
    console.log(
      "\nDashboard pages' JavaScript (a real Chromium against `next start`, compressed bytes transferred, empty cache; first load = the scripts the HTML names, goal ≤ 200 KB; then what loads after, e.g. chart code):",
    );
    console.log("page                   first load (KB)  scripts  + loaded after (KB)  scripts");
    for (const path of PAGES) {
      // A fresh context per page: an empty cache, as a first visit.
      const context = await browser.newContext();
      await context.addCookies([{ name: "next-auth.session-token", value: sessionToken, url: appUrl }]);
      const page = await context.newPage();
      const scripts: Array<Promise<{ url: string; bytes: number }>> = [];
      page.on("requestfinished", (request) => {
        if (request.resourceType() !== "script") return;
        scripts.push(
          request
            .sizes()
            .then((size) => ({ url: new URL(request.url()).pathname, bytes: Math.max(0, size.responseBodySize) }))
            .catch(() => ({ url: request.url(), bytes: 0 })),
        );
      });
      const response = await page.goto(`${appUrl}${path}?preset=30d`, { waitUntil: "networkidle" });
      // Charts draw once their code has loaded; wait for one, then for the network to settle.
      await page.locator("svg.recharts-surface").first().waitFor({ timeout: 20_000 }).catch(() => undefined);
      await page.waitForLoadState("networkidle");
      const html = (await response?.text()) ?? "";
      const named = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => new URL(match[1]!, appUrl).pathname));
      const loaded = await Promise.all(scripts);
      const initial = loaded.filter((script) => named.has(script.url));
      const later = loaded.filter((script) => !named.has(script.url));
      const kb = (list: typeof loaded) => (list.reduce((sum, script) => sum + script.bytes, 0) / KB).toFixed(1);
      console.log(`${path.padEnd(21)}  ${kb(initial).padEnd(15)}  ${String(initial.length).padEnd(7)}  ${kb(later).padEnd(19)}  ${later.length}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

async function timeDocument(url: string, sessionToken: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie: `next-auth.session-token=${sessionToken}` }, redirect: "manual" });
  documentBytes.set(url, (await response.arrayBuffer()).byteLength);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** Uncompressed size of the last document fetched per URL (what the server had to render). */
const documentBytes = new Map<string, number>();

/** CPU milliseconds the server processes have used so far (cpuSeconds below); null where /proc is missing. */
function serverCpuMs(pids: number[]): number | null {
  const seconds = cpuSeconds(pids);
  return seconds === null ? null : seconds * 1000;
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * One week and one year requested in turn (so a change in the machine's load hits both alike),
 * RENDER_RUNS each after a warm-up: the median wall time of each, and the server's CPU time per
 * request (a figure other processes on a shared machine barely move).
 */
async function reportRenderTimes(appUrl: string, sessionToken: string, serverPids: number[]): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const rows: string[] = [];
  for (const path of PAGES) {
    const urls = { week: `${appUrl}${path}?preset=7d`, year: `${appUrl}${path}?preset=1y` };
    const times = { week: [] as number[], year: [] as number[] };
    const cpu = { week: 0, year: 0 };
    await timeDocument(urls.week, sessionToken);
    await timeDocument(urls.year, sessionToken);
    for (let i = 0; i < RENDER_RUNS; i++) {
      for (const which of ["week", "year"] as const) {
        const before = serverCpuMs(serverPids);
        times[which].push(await timeDocument(urls[which], sessionToken));
        const after = serverCpuMs(serverPids);
        if (before !== null && after !== null) cpu[which] += after - before;
      }
    }
    const [week, year] = [middle(times.week), middle(times.year)];
    const cpuPerRequest = (total: number) => (serverCpuMs(serverPids) === null ? "—" : (total / RENDER_RUNS).toFixed(0));
    const cpuRatio = cpu.week > 0 ? (cpu.year / cpu.week).toFixed(2) : "—";
    const kb = (url: string) => ((documentBytes.get(url) ?? 0) / KB).toFixed(0);
    rows.push(
      `${path.padEnd(21)}  ${week.toFixed(0).padEnd(6)}  ${year.toFixed(0).padEnd(6)}  ${(year / week).toFixed(2).padEnd(10)}  ${`${cpuPerRequest(cpu.week)} / ${cpuPerRequest(cpu.year)}`.padEnd(16)}  ${cpuRatio.padEnd(9)}  ${kb(urls.week)} / ${kb(urls.year)}`,
    );
  }
  console.log(
    `\nServer render time of the whole document, one week vs one year (alternating, median of ${RENDER_RUNS}, ms; goal ≤ 1.5×; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, on ${os.cpus().length} cores):`,
  );
  console.log("page                   7 d     1 y     1 y / 7 d   server CPU ms/req  CPU 1y/7d  document KB 7 d / 1 y");
  for (const row of rows) console.log(row);
}

interface LoadResult {
  connections: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Each session's first request: its person's summaries not computed yet in this process. */
  first: { p50: number; p95: number; count: number };
  /** Server CPU per request (all web processes), when /proc can tell. */
  cpuMsPerRequest: number | null;
}

/** `connections` loops, each one session, requesting /dashboard back to back for LOAD_SECONDS. */
async function load(appUrl: string, sessionTokens: string[], connections: number, serverPids: number[] = []): Promise<LoadResult> {
  const cpuBefore = cpuSeconds(serverPids);
  const latencies: number[] = [];
  const firsts: number[] = [];
  let errors = 0;
  const until = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, index) => {
      const token = sessionTokens[index % sessionTokens.length]!;
      let first = true;
      while (performance.now() < until) {
        const begun = performance.now();
        try {
          const response = await fetch(`${appUrl}/dashboard`, { headers: { cookie: `next-auth.session-token=${token}` }, redirect: "manual" });
          await response.arrayBuffer();
          if (response.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - begun);
        if (first) firsts.push(performance.now() - begun);
        first = false;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds(serverPids);
  const quantile = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
  return {
    connections,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    first: { p50: quantile(firsts, 0.5), p95: quantile(firsts, 0.95), count: firsts.length },
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || latencies.length === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / latencies.length,
  };
}

async function reportLoad(appUrl: string, sessionTokens: string[], serverPids: number[]): Promise<void> {
  // Warm-up: every route compiled into memory, pools open. Its 4 people (the 1-connection person
  // among them) are then cached; the other 46 meet the 50-session run uncached (the "first" column).
  await load(appUrl, sessionTokens, 4);
  const loadBefore = os.loadavg()[0]!;
  // 50 twice: the first run meets most people uncached (a cold start), the second runs on what
  // the first computed, as a day of people returning to unchanged data does.
  const results = [
    await load(appUrl, sessionTokens, 1, serverPids),
    await load(appUrl, sessionTokens, sessionTokens.length, serverPids),
    { ...(await load(appUrl, sessionTokens, sessionTokens.length, serverPids)), label: `${sessionTokens.length} again` },
  ];
  console.log(
    `\n/dashboard under load (${LOAD_SECONDS} s each, every session a different signed-in person, every request a whole page render; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, on ${os.cpus().length} cores; goal with 50: ≥ the 1-connection throughput, p95 < 1 s, 0 errors):`,
  );
  console.log("sessions  requests  req/s   p50 ms  p95 ms  errors  server CPU ms/request  first request per session p50 / p95 ms");
  for (const row of results) {
    const cpu = row.cpuMsPerRequest === null ? "n/a" : row.cpuMsPerRequest.toFixed(1);
    console.log(
      `${("label" in row ? row.label : String(row.connections)).padEnd(8)}  ${String(row.requests).padEnd(8)}  ${row.perSecond.toFixed(1).padEnd(6)}  ${row.p50.toFixed(0).padEnd(6)}  ${row.p95.toFixed(0).padEnd(6)}  ${String(row.errors).padEnd(6)}  ${cpu.padEnd(21)}  ${row.first.p50.toFixed(0)} / ${row.first.p95.toFixed(0)}`,
    );
  }
  const busiest = results.at(-1)!;
  if (busiest.cpuMsPerRequest)
    console.log(
      `At ${busiest.cpuMsPerRequest.toFixed(1)} ms of server CPU per request, ${os.cpus().length} otherwise idle cores would serve about ${((os.cpus().length * 1000) / busiest.cpuMsPerRequest).toFixed(0)} requests/s (database CPU not counted).`,
    );
}
