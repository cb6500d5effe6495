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

const concurrency = Number(process.env.SYNC_CONCURRENCY ?? 2);
await startWorker({
  concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 2,
});
console.log(`Nightly sync worker running (${concurrency} at once). Ctrl+C stops it.`);

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
