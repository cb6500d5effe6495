import "server-only";
import { compactPersonDataChanges } from "@/lib/cache/person-data-version";
import { finishInterruptedRefreshes } from "@/lib/connections/token-manager";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { purgeDeadConnectionTokens } from "@/lib/connections/purge-dead-tokens";
import { startJobLoop, type JobLoop } from "@/lib/jobs/job-loop";
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
import { resumeVanishedRuns, SWEEP_MS } from "./vanished-runs";
import { handlePushJob } from "./push/process";
import { ensurePushQueue, PUSH_QUEUE } from "./push/queue";
import { prunePushNotifications, requeueStalePush } from "./push/record";

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
  /** How often this process looks for runs whose process vanished (vanished-runs.ts). */
  sweepMs?: number;
}

const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** Retry a run that found another run holding the person's lock this much later. */
const BUSY_RETRY_MS = 15_000;

/** How long a shutdown waits for running syncs to commit their current chunk. */
export const STOP_TIMEOUT_MS = 20_000;

const running = new Set<AbortController>();
let started = false;
let loops: JobLoop[] = [];
let sweeper: NodeJS.Timeout | undefined;
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
  let boss: Awaited<ReturnType<typeof getBoss>>;
  try {
    boss = await getBoss();
    await ensureQueues(boss);
    await ensurePushQueue(boss);
  } catch (error) {
    started = false; // the database may not be up yet: the caller can try again
    throw error;
  }
  const pollMs = (options.pollingIntervalSeconds ?? 2) * 1000;
  const concurrency = options.concurrency ?? 2;
  loops = [
    startJobLoop(boss, SYNC_QUEUE, {
      slots: concurrency,
      pollMs,
      handle: async (job) => {
        await handleSyncJob(job.data);
      },
    }),
    // Push notifications' targeted syncs: short (one night), so one slot keeps up, and they never
    // wait behind a long backfill in the sync queue.
    startJobLoop(boss, PUSH_QUEUE, {
      slots: 1,
      pollMs: Math.min(pollMs, 1000),
      handle: async (job) => {
        await handlePushJob(job.data, { retryBaseMs: runOptions?.retryBaseMs });
      },
    }),
    startJobLoop(boss, SCHEDULE_QUEUE, {
      slots: 1,
      pollMs: Math.max(pollMs, 5000),
      handle: async () => {
        const queued = await enqueueActiveUsers();
        log.info("scheduled sync queued", { users: queued });
        // Housekeeping on the same tick: push notifications whose job was lost, old push records,
        // dead connections' tokens past DEAD_CONNECTION_TOKEN_DAYS.
        await requeueStalePush()
          .then(() => prunePushNotifications())
          .catch((error: unknown) => log.warn("push housekeeping failed", { error: error instanceof Error ? error.message : String(error) }));
        await purgeDeadConnectionTokens().catch((error: unknown) =>
          log.error("could not drop dead connections' tokens", { error: error instanceof Error ? error.message : String(error) }),
        );
        // The dashboard cache's change rows (decision 0019): each person's folded into one.
        await compactPersonDataChanges().catch((error: unknown) =>
          log.warn("could not fold person data changes", { error: error instanceof Error ? error.message : String(error) }),
        );
      },
    }),
  ];
  await boss.schedule(SCHEDULE_QUEUE, options.scheduleCron ?? "*/15 * * * *");
  // Both checks are cheap and idempotent, and every process runs them, so whatever process
  // survives finishes what a dead one left: its sync run, its token refresh.
  sweeper = setInterval(() => {
    const warn = (what: string) => (error: unknown) =>
      log.warn(`${what} check failed`, { error: error instanceof Error ? error.message : String(error) });
    resumeVanishedRuns().catch(warn("vanished-run"));
    finishInterruptedRefreshes().catch(warn("interrupted-refresh"));
  }, options.sweepMs ?? SWEEP_MS);
  sweeper.unref();
  log.info("sync worker started", { concurrency });
}

/**
 * Graceful stop: take no more jobs, ask running syncs to stop after their current chunk (they
 * commit it, are re-queued and their jobs completed), wait for that at most `timeoutMs`, then
 * close the queue. A run still going after that is cut off when the process exits; its lock
 * goes with the connection and the heartbeat check elsewhere resumes it.
 */
export async function stopWorker(timeoutMs = STOP_TIMEOUT_MS): Promise<{ drained: boolean }> {
  if (!started) return { drained: true };
  started = false;
  clearInterval(sweeper);
  for (const controller of running) controller.abort();
  const results = await Promise.all(loops.map((loop) => loop.stop(timeoutMs)));
  loops = [];
  await stopBoss(1000);
  const drained = results.every((result) => result.drained);
  log.info("sync worker stopped", { drained });
  return { drained };
}
