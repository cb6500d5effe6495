import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEFAULT_CLIENT, startEmulator, type RunningEmulator } from "../emulator/server";
import { generateTokenKey } from "../lib/crypto/token-cipher";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";
import { freePort } from "../lib/testing/free-port";
import { nextBin } from "../scripts/lib/processes";
import { waitForHttp } from "../scripts/lib/wait";
import { PEOPLE, signInWithFitbit } from "./support/stack";

/**
 * Issue 6 §2/§3 end to end, on a stack of its own (so stopping its PostgreSQL disturbs no other
 * spec): a `next start` web process (with its in-process worker, Next.js signal handling left to
 * Nightly as `npm start` does) and a separate `npm run worker` process. PostgreSQL stops
 * mid-backfill: pages and /api/me/* answer 503 "temporarily unavailable" instead of signing the
 * person out; both processes stay up and log no uncaught error; when PostgreSQL is back the
 * person is still signed in and the history completes. Then SIGTERM stops the web process
 * cleanly.
 */
test.describe.configure({ mode: "serial" });

let dataDir: string;
let pgPort: number;
let database: EmbeddedDatabase;
let emulator: RunningEmulator;
let web: ChildProcess;
let worker: ChildProcess;
let webUrl: string;
const output = { web: "", worker: "" };
const exits: Record<"web" | "worker", { code: number | null; signal: string | null } | null> = { web: null, worker: null };

const startDatabase = () => startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: pgPort });

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function track(name: "web" | "worker", child: ChildProcess) {
  for (const stream of [child.stdout!, child.stderr!])
    stream.setEncoding("utf8").on("data", (text: string) => (output[name] += text));
  child.on("exit", (code, signal) => (exits[name] = { code, signal }));
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "nightly-e2e-outage-"));
  pgPort = await freePort();
  database = await startDatabase();
  await migrateDatabase(database.url);
  const port = await freePort();
  webUrl = `http://localhost:${port}`;
  const client = { ...DEFAULT_CLIENT, redirectUris: [`${webUrl}/api/auth/callback/fitbit`] };
  emulator = await startEmulator({ port: await freePort(), clients: [client], rateLimitPerHour: 1_000_000 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: webUrl,
    NEXTAUTH_SECRET: "e2e-outage-secret-e2e-outage-secret",
    TOKEN_ENCRYPTION_KEY: generateTokenKey("e2eo"),
    FITBIT_CLIENT_ID: client.clientId,
    FITBIT_CLIENT_SECRET: client.clientSecret,
    FITBIT_OAUTH_BASE_URL: emulator.url,
    FITBIT_API_BASE_URL: emulator.url,
    EMULATOR_URL: emulator.url,
    SYNC_HISTORY_DAYS: "365",
    LOG_LEVEL: "info",
  };
  // What `npm start` does for its Next.js child (scripts/start.ts).
  web = spawn(process.execPath, [nextBin(), "start", "-p", String(port)], {
    env: { ...env, PORT: String(port), NEXT_MANUAL_SIG_HANDLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track("web", web);
  worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  track("worker", worker);
  await waitForHttp(`${webUrl}/api/health`);
});

test.afterAll(async () => {
  for (const child of [web, worker]) {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
  await emulator?.close();
  await database?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

test("a database outage mid-backfill answers 503, signs nobody out, and the sync completes", async ({ page }) => {
  test.setTimeout(600_000);
  await signInWithFitbit(page, PEOPLE.riley, { startUrl: `${webUrl}/` });
  await expect(page).toHaveURL(/\/dashboard/);
  await expect
    .poll(async () => (await sql<{ phase: string | null }>(`SELECT phase FROM "SyncState"`))[0]?.phase, { timeout: 180_000 })
    .toBe("backfill");

  await database.stop();
  const pageResponse = await page.goto(`${webUrl}/dashboard`);
  expect(pageResponse?.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "Nightly is temporarily unavailable" })).toBeVisible();
  await expect(page.getByText("You are still signed in")).toBeVisible();
  const api = await page.request.get(`${webUrl}/api/me/sleep`);
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe("temporarily_unavailable");

  database = await startDatabase();
  // Still signed in once the database is back: the session was never dropped.
  await expect.poll(async () => (await page.goto(`${webUrl}/dashboard`))?.status(), { timeout: 60_000 }).toBe(200);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect
    .poll(async () => (await sql<{ status: string }>(`SELECT status::text FROM "SyncState"`))[0]?.status, { timeout: 300_000 })
    .toBe("IDLE");
  const nights = await sql<{ n: string; distinct_days: string }>(
    `SELECT count(*) AS n, count(DISTINCT ("userId", "dateOfSleep")) AS distinct_days FROM "SleepLog" WHERE "isMainSleep"`,
  );
  expect(nights[0]!.n).toBe(nights[0]!.distinct_days); // no duplicate night
  expect(exits).toEqual({ web: null, worker: null });
  expect(output.web + output.worker).not.toMatch(/uncaughtException|Unhandled 'error'|unhandledRejection/);
});

test("SIGTERM stops the web process after its in-process worker stopped", async () => {
  test.setTimeout(120_000);
  const sent = Date.now();
  web.kill("SIGTERM");
  await expect.poll(() => exits.web, { timeout: 60_000 }).not.toBeNull();
  expect(exits.web).toEqual({ code: 0, signal: null });
  expect(Date.now() - sent).toBeLessThan(30_000);
  expect(output.web).toMatch(/"msg":"sync worker stopped"/);
});
