import "server-only";
import type PgBoss from "pg-boss";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { purgeDeadConnectionTokens } from "@/lib/connections/purge-dead-tokens";
import { log } from "@/lib/log";
import { runSync, type RunOptions, type SyncOutcome } from "./engine";
import {
  enqueueActiveUsers,
  enqueueSync,
  ensureQueues,
  SCHEDULE_QUEUE,
  SYNC_QUEUE,
  syncJobSchema,
  type SyncJob,
} from "./queue";

/**
 * The sync worker: a few users at once per process (each run is I/O-bound and rate-limited per
 * person, so more would only add database load), plus the cron that queues incremental syncs.
 */
export interface WorkerOptions {
  /** Users synced at once by this process. */
  concurrency?: number;
  /** Cron for the incremental sync of every active connection (default every 15 minutes). */
  scheduleCron?: string;
  pollingIntervalSeconds?: number;
  /** Passed to every run (tests and the bench shorten the history). */
  runOptions?: Pick<RunOptions, "historyDays" | "retryBaseMs">;
}

const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** Retry a run that found another run holding the person's lock this much later. */
const BUSY_RETRY_MS = 60_000;

const running = new Set<AbortController>();
let started = false;
let runOptions: WorkerOptions["runOptions"] = {};

/** What to do after a run: re-schedule pauses for after the reset/back-off instead of sleeping. */
async function followUp(job: SyncJob, outcome: SyncOutcome): Promise<void> {
  switch (outcome.kind) {
    case "paused":
      await enqueueSync(job.userId, "resume", {
        provider: job.provider,
        startAfter: outcome.resumeAt,
        backoffCount: outcome.reason === "backoff" ? job.backoffCount + 1 : 0,
      });
      return;
    case "busy":
      await enqueueSync(job.userId, "resume", {
        provider: job.provider,
        startAfter: new Date(Date.now() + BUSY_RETRY_MS),
      });
      return;
    case "aborted":
      // Shutting down: leave the rest to the next worker (progress is committed per chunk).
      await enqueueSync(job.userId, "resume", { provider: job.provider });
      return;
    case "completed":
    case "stopped":
      return;
  }
}

export async function handleSyncJob(raw: unknown): Promise<SyncOutcome> {
  const job = syncJobSchema.parse(raw);
  const controller = new AbortController();
  running.add(controller);
  try {
    const backoffPauseMs = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** job.backoffCount);
    const outcome = await runSync(job.userId, {
      ...runOptions,
      provider: job.provider,
      signal: controller.signal,
      backoffPauseMs,
    });
    log.info("sync run finished", {
      userId: job.userId,
      reason: job.reason,
      outcome: outcome.kind,
    });
    await followUp(job, outcome);
    return outcome;
  } finally {
    running.delete(controller);
  }
}

export async function startWorker(options: WorkerOptions = {}): Promise<void> {
  if (started) return;
  started = true;
  runOptions = options.runOptions ?? {};
  const boss = await getBoss();
  await ensureQueues(boss);
  const workOptions = { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  const handler = async (jobs: PgBoss.Job<object>[]) => {
    for (const job of jobs) await handleSyncJob(job.data);
  };
  for (let i = 0; i < (options.concurrency ?? 2); i++)
    await boss.work(SYNC_QUEUE, workOptions, handler);
  await boss.schedule(SCHEDULE_QUEUE, options.scheduleCron ?? "*/15 * * * *");
  await boss.work(SCHEDULE_QUEUE, async () => {
    const queued = await enqueueActiveUsers();
    log.info("scheduled sync queued", { users: queued });
    // Housekeeping on the same tick: dead connections' tokens past DEAD_CONNECTION_TOKEN_DAYS.
    await purgeDeadConnectionTokens().catch((error: unknown) =>
      log.error("could not drop dead connections' tokens", { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  log.info("sync worker started", { concurrency: options.concurrency ?? 2 });
}

/** Graceful stop: running syncs stop after their current chunk and are re-queued. */
export async function stopWorker(): Promise<void> {
  if (!started) return;
  started = false;
  for (const controller of running) controller.abort();
  await stopBoss();
}
