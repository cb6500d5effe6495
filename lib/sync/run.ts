import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { addDays, dateColumn, localDateOf, type PersonZone } from "@/lib/providers/local-time";
import {
  ProviderApiError,
  type FetchContext,
  type FetchResult,
  type HealthProvider,
  type PlanContext,
  type SyncStep,
} from "@/lib/providers/types";
import { messagesFor } from "./messages";
import * as plan from "./plan";
import { chunkProblemOf, type ChunkProblem } from "./chunk-problem";
import { SyncAborted, type SyncRequester } from "./requester";
import { recordSyncError, type SkippedChunk } from "./state";
import { storedSleepSessions } from "./stored-sleep";
import { markFoodDaySkipped, writeBatch } from "./writers";

/**
 * The steps of one sync run (see engine.ts for the order and the guarantees). A missing scope
 * makes its metric unavailable. A chunk that cannot be read, normalized or written (issue 6 §4)
 * fails alone: it is tried again with backoff, and after CHUNK_ATTEMPTS it is skipped with a
 * note the person sees, while the metric's other chunks and every other metric go on.
 * Everything that is not about one chunk (rate limits, refused tokens, a database that went
 * away, a lost lock) is thrown to the engine.
 */
export const CHUNK_ATTEMPTS = 3;
export interface RunOptions {
  signal?: AbortSignal;
  /** Which provider to sync (default: the person's connection that comes first by precedence). */
  provider?: string;
  /** Days of history to backfill (default about two years). */
  historyDays?: number;
  retries?: number;
  retryBaseMs?: number;
  backoffPauseMs?: number;
  /** First wait before a failed chunk is tried again (then ×3); default 1 s. */
  chunkRetryMs?: number;
  /** Test hook, called after each committed chunk. */
  onChunkCommitted?: (info: { metric: plan.SyncMetric; label: string }) => void | Promise<void>;
}

/** Waits `ms`, or less when the run is stopped (the caller then checks the signal). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export async function setState(
  userId: string,
  provider: string,
  data: Prisma.SyncStateUpdateInput,
): Promise<void> {
  await db.syncState.update({ where: { userId_provider: { userId, provider } }, data });
}

export class SyncRun {
  readonly errors: string[] = [];
  private readonly unavailable: Record<string, string> = {};
  private readonly ctx: FetchContext;
  private readonly messages;

  constructor(
    readonly userId: string,
    readonly provider: HealthProvider,
    private readonly options: RunOptions,
    readonly requester: SyncRequester,
    private readonly zone: PersonZone,
    private progress: plan.SyncProgress,
    private readonly grantedScopes: string[],
    readonly requestsBase: number,
    /** This run's id (lock.ts): state writes only land while the SyncState row still has it. */
    private readonly runId: string,
    /** Chunks skipped by earlier runs (kept, so the note stays until the dates sync). */
    private skipped: SkippedChunk[] = [],
  ) {
    this.ctx = {
      userId,
      zone,
      http: requester,
      unavailable: this.unavailable,
      sleepSessions: storedSleepSessions(userId, provider.id),
    };
    this.messages = messagesFor(provider.copy);
  }

  /** Writes this run's sync state if it still owns it; a run that lost it stops (SyncAborted). */
  async setState(data: Prisma.SyncStateUpdateInput, tx: Prisma.TransactionClient = db): Promise<void> {
    const { count } = await tx.syncState.updateMany({
      where: { userId: this.userId, provider: this.provider.id, runId: this.runId },
      data: data as Prisma.SyncStateUpdateManyMutationInput,
    });
    if (count === 0) throw new SyncAborted();
  }

  progressSnapshot(): plan.SyncProgress {
    return this.progress;
  }

  counters(): Prisma.SyncStateUpdateInput {
    const budget = this.requester.budget;
    return {
      requestsUsed: this.requestsBase + this.requester.requests,
      unavailable: this.unavailable,
      skipped: this.skipped as unknown as Prisma.InputJsonValue,
      ...(budget
        ? {
            rateLimitLimit: budget.limit,
            rateLimitRemaining: budget.remaining,
            rateLimitResetAt: budget.resetAt,
          }
        : {}),
    };
  }

  /** Runs `fetch`, then commits its rows with `progress` and the counters in one transaction. */
  private async commit(
    metric: plan.SyncMetric,
    label: string,
    fetch: () => Promise<FetchResult>,
    next?: (c: FetchResult) => plan.SyncProgress,
  ) {
    const chunk = await fetch();
    await this.write(metric, label, chunk.batches, next ? next(chunk) : this.progress);
  }

  private async write(
    metric: plan.SyncMetric,
    label: string,
    batches: FetchResult["batches"],
    progress: plan.SyncProgress,
    alsoInTransaction?: (tx: Prisma.TransactionClient) => Promise<void>,
  ) {
    await db.$transaction(
      async (tx) => {
        // Ownership first: a run that lost its lock must not write a single row.
        await this.setState({ ...this.counters(), progress: progress as Prisma.InputJsonValue }, tx);
        for (const batch of batches) await writeBatch(tx, this.userId, this.provider.id, batch);
        await alsoInTransaction?.(tx);
      },
      { timeout: 60_000, maxWait: 15_000 },
    );
    this.progress = progress;
    await this.options.onChunkCommitted?.({ metric, label });
    this.requester.checkAborted();
  }

  /**
   * Tries one chunk up to CHUNK_ATTEMPTS times. A failure that concerns only this chunk is
   * recorded each time (de-duplicated in SyncError); after the last try `skip` commits the
   * chunk as skipped so the metric moves on. Anything else is thrown unchanged.
   */
  private async attempt(
    metric: plan.SyncMetric,
    label: string,
    once: () => Promise<void>,
    skip: (problem: ChunkProblem) => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await once();
        return;
      } catch (error) {
        const problem = await chunkProblemOf(error, this.options.signal);
        if (!problem) throw error;
        await recordSyncError(this.userId, this.provider.id, metric, problem.path || label, problem.kind, this.describe(metric, problem), problem.details);
        log.warn("sync chunk rejected", { userId: this.userId, provider: this.provider.id, metric, kind: problem.kind, attempt });
        if (attempt >= CHUNK_ATTEMPTS) {
          this.errors.push(this.messages.chunkSkipped(metric));
          await skip(problem);
          return;
        }
        await sleep((this.options.chunkRetryMs ?? 1000) * 3 ** (attempt - 1), this.options.signal);
        this.requester.checkAborted();
      }
    }
  }

  private describe(metric: plan.SyncMetric, problem: ChunkProblem): string {
    if (problem.kind === "invalid_payload") return this.messages.invalidPayload(metric, problem.issue);
    if (problem.kind === "client") return this.messages.clientError(metric, problem.status);
    return this.messages.chunkFailed(metric);
  }

  private noteSkipped(metric: plan.SyncMetric, start: string, end: string, problem: ChunkProblem) {
    const entry: SkippedChunk = { metric, start, end, reason: this.describe(metric, problem), at: new Date().toISOString() };
    this.skipped = [...this.skipped.filter((s) => !(s.metric === metric && s.start === start && s.end === end)), entry];
  }

  /** Commits one planned step and moves the metric's cursor past it (even when it is skipped). */
  private commitStep(step: SyncStep, ctx: PlanContext) {
    const advance = (chunk: FetchResult) => ({
      ...this.progress,
      [step.metric]: this.provider.plan.advance(this.progress[step.metric], step, chunk, ctx),
    });
    return this.attempt(
      step.metric,
      step.label,
      async () => {
        await this.commit(step.metric, step.label, () => this.provider.fetchStep(this.ctx, step), advance);
        this.clearSkipped(step.metric, step.range.start, step.range.end);
      },
      async (problem) => {
        this.noteSkipped(step.metric, step.range.start, step.range.end, problem);
        // "Had data": a skipped stretch must not count towards the empty-history stop.
        await this.write(step.metric, `${step.label} (skipped)`, [], advance({ hadData: true, batches: [] }));
      },
    );
  }

  /** A chunk that synced after all no longer needs its note. */
  private clearSkipped(metric: plan.SyncMetric, start: string, end: string) {
    this.skipped = this.skipped.filter((s) => !(s.metric === metric && s.start >= start && s.end <= end));
  }

  /** Runs one metric's steps unless its scope is missing (then it is unavailable, with a note). */
  private async guarded(metric: plan.SyncMetric, step: () => Promise<void>): Promise<void> {
    if (this.unavailable[metric]) return;
    if (!this.grantedScopes.includes(this.provider.metricScopes[metric])) {
      this.unavailable[metric] = this.messages.scopeNotGranted(metric);
      return;
    }
    try {
      await step();
    } catch (error) {
      if (error instanceof ProviderApiError && error.failure.kind === "insufficient_scope") {
        this.unavailable[metric] = this.messages.scopeNotGranted(metric);
        return;
      }
      throw error;
    }
  }

  async execute(memberSince: string | null, firstSync: boolean): Promise<void> {
    const today = localDateOf(Date.now(), this.zone);
    const targetStart = plan.targetStartDate(
      today,
      this.options.historyDays ?? plan.configuredHistoryDays(),
      memberSince,
    );
    const ctx: PlanContext = { today, targetStart };
    const fetchDevices = this.provider.fetchDevices?.bind(this.provider);
    if (fetchDevices)
      await this.guarded("devices", () =>
        this.attempt(
          "devices",
          "devices",
          () => this.commit("devices", "devices", () => fetchDevices(this.ctx)),
          async () => {}, // devices are read again on the next run; the problem is recorded
        ),
      );

    for (const metric of this.provider.plan.metrics) {
      await this.guarded(metric, async () => {
        let previous: SyncStep | undefined;
        for (
          let step = this.provider.plan.nextForward(metric, this.progress[metric], ctx, previous);
          step;
        ) {
          await this.commitStep(step, ctx);
          previous = step;
          step = this.provider.plan.nextForward(metric, this.progress[metric], ctx, previous);
        }
      });
    }
    if (firstSync)
      await setState(this.userId, this.provider.id, { recentCompletedAt: new Date(), phase: "backfill" });

    await this.syncFoodLogs(addDays(today, -(plan.RECENT_DAYS - 1)));
    await this.backfill(ctx);
    await this.syncFoodLogs(targetStart);
  }

  /** Older history, one chunk per metric in turn, so every chart grows back evenly. */
  private async backfill(ctx: PlanContext): Promise<void> {
    for (let progressed = true; progressed;) {
      progressed = false;
      for (const metric of this.provider.plan.metrics) {
        const step = this.provider.plan.nextBackfill(metric, this.progress[metric], ctx);
        if (!step || this.unavailable[metric]) continue;
        await this.guarded(metric, () => this.commitStep(step, ctx));
        progressed = true;
      }
    }
  }

  /** Food logs of days whose series says food was logged and whose log we do not have, newest first. */
  private async syncFoodLogs(since: string): Promise<void> {
    const fetchFoodDay = this.provider.fetchFoodDay?.bind(this.provider);
    if (!fetchFoodDay || this.unavailable.nutrition) return;
    await this.guarded("foodLogs", async () => {
      for (;;) {
        const days = await db.nutritionDaily.findMany({
          where: {
            userId: this.userId,
            provider: this.provider.id,
            caloriesIn: { gt: 0 },
            foodLogFetched: false,
            date: { gte: dateColumn(since) },
          },
          orderBy: { date: "desc" },
          select: { date: true },
          take: 50,
        });
        if (days.length === 0) return;
        for (const { date } of days) {
          const day = date.toISOString().slice(0, 10);
          await this.attempt(
            "foodLogs",
            `food ${day}`,
            async () => {
              await this.commit("foodLogs", `food ${day}`, () => fetchFoodDay(this.ctx, day));
              this.clearSkipped("foodLogs", day, day);
            },
            async (problem) => {
              this.noteSkipped("foodLogs", day, day, problem);
              // Marked as fetched, or this loop would pick the same day up again forever.
              await this.write("foodLogs", `food ${day} (skipped)`, [], this.progress, (tx) =>
                markFoodDaySkipped(tx, this.userId, this.provider.id, day),
              );
            },
          );
        }
      }
    });
  }
}
