import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";

/**
 * One pg-boss per process, on the app's PostgreSQL (schema "pgboss", created by pg-boss on first
 * start). Started lazily: web requests that only enqueue pay for it once, and `next build`
 * never touches the database. Kept on globalThis so dev hot reload does not open a second one.
 */
const globalForBoss = globalThis as unknown as { nightlyBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalForBoss.nightlyBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      schema: "pgboss",
      max: 4,
      application_name: "nightly-jobs",
    });
    boss.on("error", (error) => {
      // 57P01: PostgreSQL is shutting down (Ctrl+C stops the database and this process
      // together). That is an orderly stop, not a queue failure.
      if ((error as { code?: string }).code === "57P01") {
        log.info("job queue: database is shutting down");
        return;
      }
      log.error("job queue error", { error: error instanceof Error ? error.message : String(error) });
    });
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    globalForBoss.nightlyBoss = undefined;
    throw error;
  });
  return globalForBoss.nightlyBoss;
}

/** Stops the queue if it was started: lets running jobs finish (up to `timeoutMs`). */
export async function stopBoss(timeoutMs = 30_000): Promise<void> {
  const pending = globalForBoss.nightlyBoss;
  if (!pending) return;
  const boss = await pending.catch(() => null);
  // Cleared only after the stop: jobs finishing during it may still queue follow-ups.
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
  if (globalForBoss.nightlyBoss === pending) globalForBoss.nightlyBoss = undefined;
}
