/**
 * Server start-up in a Node.js runtime: validate the configuration (fail fast with a readable
 * list instead of failing on the first request).
 */
import { parseEnv } from "./lib/config/env-schema";

try {
  // NextAuth v4 would assume http://localhost:3000 without NEXTAUTH_URL; use the documented
  // default (http://localhost:$PORT) instead.
  process.env.NEXTAUTH_URL ??= parseEnv(process.env).NEXTAUTH_URL;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

// Background sync in the web process unless a separate worker (`npm run worker`) does it.
if (process.env.NIGHTLY_WORKER !== "off") {
  const { startWorker, stopWorker } = await import("./lib/sync/worker");
  // SYNC_HISTORY_DAYS as for `npm run worker` (the e2e suite shortens the history to a year).
  const historyDays = Number(process.env.SYNC_HISTORY_DAYS);
  const runOptions = Number.isInteger(historyDays) && historyDays > 0 ? { historyDays } : {};
  startWorker({ runOptions }).catch((error: unknown) => {
    console.error("sync worker did not start:", error instanceof Error ? error.message : String(error));
  });
  // `npm start` sets NEXT_MANUAL_SIG_HANDLE so that Next.js leaves SIGTERM/SIGINT to us: the
  // worker stops taking jobs, running syncs commit their current chunk and are re-queued, and
  // only then does the process exit. Without it (plain `next start`, dev) Next.js exits on its
  // own and the heartbeat check of another process resumes what was cut off.
  const manual = Boolean(process.env.NEXT_MANUAL_SIG_HANDLE);
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stopWorker()
        .catch((error: unknown) => console.error("sync worker stop failed:", error instanceof Error ? error.message : String(error)))
        .finally(() => {
          if (manual) process.exit(0);
        });
    });
  }
} else if (process.env.NEXT_MANUAL_SIG_HANDLE) {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(0));
}
