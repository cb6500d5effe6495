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
import { SyncAborted, type SyncRequester } from "./requester";
import { recordSyncError } from "./state";
import { storedSleepSessions } from "./stored-sleep";
import { writeBatch } from "./writers";

/**
 * The steps of one sync run (see engine.ts for the order and the guarantees). A problem that
 * concerns one metric (missing scope, unreadable payload) is recorded and the run goes on with
 * the others; everything else is thrown to the engine.
 */
export interface RunOptions {
  signal?: AbortSignal;
  /** Which provider to sync (default: the person's connection that comes first by precedence). */
  provider?: string;
  /** Days of history to backfill (default about two years). */
  historyDays?: number;
  retries?: number;
  retryBaseMs?: number;
  backoffPauseMs?: number;
  /** Test hook, called after each committed chunk. */
  onChunkCommitted?: (info: { metric: plan.SyncMetric; label: string }) => void | Promise<void>;
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
  private readonly failed = new Set<plan.SyncMetric>();
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
    const progress = next ? next(chunk) : this.progress;
    await db.$transaction(
      async (tx) => {
        // Ownership first: a run that lost its lock must not write a single row.
        await this.setState({ ...this.counters(), progress: progress as Prisma.InputJsonValue }, tx);
        for (const batch of chunk.batches) await writeBatch(tx, this.userId, this.provider.id, batch);
      },
      { timeout: 60_000, maxWait: 15_000 },
    );
    this.progress = progress;
    await this.options.onChunkCommitted?.({ metric, label });
    this.requester.checkAborted();
  }

  /** Commits one planned step and moves the metric's cursor past it. */
  private commitStep(step: SyncStep, ctx: PlanContext) {
    return this.commit(
      step.metric,
      step.label,
      () => this.provider.fetchStep(this.ctx, step),
      (chunk) => ({
        ...this.progress,
        [step.metric]: this.provider.plan.advance(this.progress[step.metric], step, chunk, ctx),
      }),
    );
  }

  /** Runs one metric's step; a problem that concerns only this metric is recorded, not thrown. */
  private async guarded(metric: plan.SyncMetric, step: () => Promise<void>): Promise<void> {
    if (this.failed.has(metric) || this.unavailable[metric]) return;
    if (!this.grantedScopes.includes(this.provider.metricScopes[metric])) {
      this.unavailable[metric] = this.messages.scopeNotGranted(metric);
      return;
    }
    try {
      await step();
    } catch (error) {
      if (!(error instanceof ProviderApiError)) throw error;
      const failure = error.failure;
      if (failure.kind === "insufficient_scope") {
        this.unavailable[metric] = this.messages.scopeNotGranted(metric);
        return;
      }
      if (failure.kind !== "invalid_payload" && failure.kind !== "client") throw error;
      const text =
        failure.kind === "invalid_payload"
          ? this.messages.invalidPayload(metric, failure.issues[0])
          : this.messages.clientError(metric, failure.status);
      this.failed.add(metric);
      this.errors.push(text);
      await recordSyncError(this.userId, this.provider.id, metric, error.path, failure.kind, text, failure);
      log.warn("sync chunk rejected", { userId: this.userId, provider: this.provider.id, metric, kind: failure.kind });
    }
  }

  async execute(memberSince: string | null, firstSync: boolean): Promise<void> {
    const today = localDateOf(Date.now(), this.zone);
    const targetStart = plan.targetStartDate(
      today,
      this.options.historyDays ?? plan.DEFAULT_HISTORY_DAYS,
      memberSince,
    );
    const ctx: PlanContext = { today, targetStart };
    const fetchDevices = this.provider.fetchDevices?.bind(this.provider);
    if (fetchDevices)
      await this.guarded("devices", () =>
        this.commit("devices", "devices", () => fetchDevices(this.ctx)),
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
        if (!step || this.failed.has(metric) || this.unavailable[metric]) continue;
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
          await this.commit("foodLogs", `food ${day}`, () => fetchFoodDay(this.ctx, day));
        }
      }
    });
  }
}
