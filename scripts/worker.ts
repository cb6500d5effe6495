/**
 * `npm run worker`: a standalone sync worker process (run the web with NIGHTLY_WORKER=off to
 * leave all background syncing to it). Runs with `--conditions=react-server` so the app's
 * `server-only` modules load outside Next.js. Stops gracefully on SIGTERM/SIGINT: takes no more jobs,
 * running syncs commit their current chunk and are re-queued (bounded wait), then it exits.
 */
import { parseEnv } from "../lib/config/env-schema";
import { startWorker, stopWorker } from "../lib/sync/worker";

try {
  parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const concurrency = positive(process.env.SYNC_CONCURRENCY) ?? 2;
// Optional: how many days of history a first sync backfills (default about two years).
const historyDays = positive(process.env.SYNC_HISTORY_DAYS);

function positive(value: string | undefined): number | undefined {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}: finishing the current chunks, then stopping.`);
    stopWorker()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(
          "worker stop failed:",
          error instanceof Error ? error.message : String(error),
        );
        process.exit(1);
      });
  });
}

// A database that is not up yet (or restarting) is waited for, not a reason to exit.
for (let attempt = 0; !stopping; attempt++) {
  try {
    await startWorker({ concurrency, runOptions: historyDays ? { historyDays } : {} });
    console.log(`Nightly sync worker running (${concurrency} at once). Ctrl+C stops it.`);
    break;
  } catch (error) {
    if (attempt === 0)
      console.error(`sync worker waiting for the database: ${error instanceof Error ? error.message : String(error)}`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}
