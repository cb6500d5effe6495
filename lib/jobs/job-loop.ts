import "server-only";
import type PgBoss from "pg-boss";
import { log } from "@/lib/log";

/**
 * Our own fetch loop instead of `boss.work()`, for three reasons (issue 6):
 *  - `work()` completes and fails jobs without awaiting them, so a database that drops at that
 *    moment becomes an unhandled promise rejection, which ends a Node process;
 *  - a slot that just finished a job fetches the next one at once, so workers stay busy while
 *    work exists (`work()` waits out the polling interval after a job);
 *  - `stop()` stops fetching first and then waits, bounded, for the jobs in hand, so a shutdown
 *    lets the current chunk commit and hands the job back as completed or failed, never stranded.
 */
export interface JobLoop {
  /** Stops taking jobs; resolves when every slot is idle or after `timeoutMs`. */
  stop(timeoutMs: number): Promise<{ drained: boolean }>;
}

export interface JobLoopOptions {
  slots: number;
  pollMs: number;
  handle: (job: PgBoss.Job<object>) => Promise<object | void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startJobLoop(boss: PgBoss, queue: string, options: JobLoopOptions): JobLoop {
  let stopping = false;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  async function slot(): Promise<void> {
    while (!stopping) {
      let job: PgBoss.Job<object> | undefined;
      try {
        [job] = await boss.fetch<object>(queue);
      } catch (error) {
        log.warn("job fetch failed; retrying", { queue, error: message(error) });
        await pause(Math.max(options.pollMs, 1000));
        continue;
      }
      if (!job) {
        await pause(options.pollMs);
        continue;
      }
      try {
        const output = await options.handle(job);
        if (output) await boss.complete(queue, job.id, output);
        else await boss.complete(queue, job.id);
      } catch (error) {
        log.warn("job failed; pg-boss will retry it", { queue, jobId: job.id, error: message(error) });
        // If the database is gone this cannot be recorded either; the job then expires and is
        // retried, and the heartbeat resumes the person long before that (vanished-runs.ts).
        await boss.fail(queue, job.id, { message: message(error) }).catch((failError: unknown) => {
          log.warn("could not record a job failure", { queue, jobId: job.id, error: message(failError) });
        });
      }
    }
  }

  const slots = Array.from({ length: options.slots }, () => slot());
  const all = Promise.all(slots);
  return {
    async stop(timeoutMs) {
      stopping = true;
      for (const wake of [...wakers]) wake();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        all.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      return { drained };
    },
  };
}
