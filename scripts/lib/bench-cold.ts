/**
 * What one uncached /dashboard request costs (issue 10 §4, decision 0020): for people whose data
 * just changed (a real write bumps their data version, as a sync commit does, so nothing of theirs
 * is cached any more), /dashboard requested once each, one at a time: median wall time, and per
 * request the web processes' CPU, the database's CPU and the number of SQL transactions
 * (pg_stat_database; the app sends each query as its own, outside `$transaction`).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { cpuSeconds, postgresCpuSeconds } from "./process-cpu";

const COLD_PEOPLE = 12;
/** PostgreSQL flushes a backend's statistics at most every PGSTAT_IDLE_INTERVAL (10 s) when idle. */
const STATS_FLUSH_MS = 11_000;

export async function reportColdRequests(appUrl: string, databaseUrl: string, userIds: string[], sessionTokens: string[], serverPids: number[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const people = userIds.slice(0, COLD_PEOPLE).map((id, index) => ({ id, token: sessionTokens[index]! }));
    // A statement on User fires its data-version trigger: every cached summary of theirs is stale.
    await client.query(`UPDATE "User" SET "updatedAt" = now() WHERE id = ANY($1::text[])`, [people.map((person) => person.id)]);
    const { rows: dirRows } = await client.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
    const postmasterPid = Number(readFileSync(path.join(dirRows[0]!.setting, "postmaster.pid"), "utf8").split("\n")[0]);
    const transactions = async () => {
      const { rows } = await client.query<{ n: string }>(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
      return Number(rows[0]!.n);
    };
    await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
    const loadBefore = os.loadavg()[0]!;
    const xactBefore = await transactions();
    const [webBefore, dbBefore] = [cpuSeconds(serverPids), postgresCpuSeconds(postmasterPid)];
    const times: number[] = [];
    for (const person of people) {
      const started = performance.now();
      const response = await fetch(`${appUrl}/dashboard`, { headers: { cookie: `next-auth.session-token=${person.token}` }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`/dashboard answered ${response.status}`);
      times.push(performance.now() - started);
    }
    const [webAfter, dbAfter] = [cpuSeconds(serverPids), postgresCpuSeconds(postmasterPid)];
    await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
    // Less this client's own statistics reads (the one before, counted once its backend flushed).
    const queries = (await transactions()) - xactBefore - 1;
    const per = (before: number | null, after: number | null) => (before === null || after === null ? "n/a" : (((after - before) * 1000) / people.length).toFixed(1));
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    console.log(
      `\nOne uncached /dashboard request (${people.length} people whose data just changed, one request each, in turn; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after):`,
    );
    console.log("median ms  web CPU ms/request  database CPU ms/request  SQL transactions/request");
    console.log(`${median.toFixed(0).padEnd(9)}  ${per(webBefore, webAfter).padEnd(18)}  ${per(dbBefore, dbAfter).padEnd(23)}  ${(queries / people.length).toFixed(1)}`);
  } finally {
    await client.end();
  }
}
