import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { FitbitApiError } from "@/lib/providers/fitbit/api-client";
import { messages } from "./messages";
import {
  fetchDevices,
  fetchFoodDay,
  fetchRangeChunk,
  type FetchedChunk,
  type MetricContext,
} from "./metrics";
import { addDays, dateColumn, localDateOf, type PersonZone } from "./normalize/local-time";
import * as plan from "./plan";
import { SyncAborted, type SyncRequester } from "./requester";
import { recordSyncError } from "./state";

/**
 * The steps of one sync run (see engine.ts for the order and the guarantees). A problem that
 * concerns one metric (missing scope, unreadable payload) is recorded and the run goes on with
 * the others; everything else is thrown to the engine.
 */
export interface RunOptions {
  signal?: AbortSignal;
  /** Days of history to backfill (default about two years). */
  historyDays?: number;
  retries?: number;
  retryBaseMs?: number;
  backoffPauseMs?: number;
  /** Test hook, called after each committed chunk. */
  onChunkCommitted?: (info: { metric: plan.SyncMetric; label: string }) => void | Promise<void>;
}

const METRIC_SCOPE: Record<plan.SyncMetric, string> = {
  sleep: "sleep",
  hrv: "heartrate",
  hrvIntraday: "heartrate",
  br: "respiratory_rate",
  nutrition: "nutrition",
  foodLogs: "nutrition",
  devices: "settings",
};

export async function setState(userId: string, data: Prisma.SyncStateUpdateInput): Promise<void> {
  await db.syncState.update({ where: { userId }, data });
}

export class SyncRun {
  readonly errors: string[] = [];
  private readonly unavailable: Record<string, string> = {};
  private readonly failed = new Set<plan.SyncMetric>();
  private readonly ctx: MetricContext;

  constructor(
    readonly userId: string,
    private readonly options: RunOptions,
    readonly requester: SyncRequester,
    private readonly zone: PersonZone,
    private progress: plan.SyncProgress,
    private readonly grantedScopes: string[],
    readonly requestsBase: number,
    /** This run's id (lock.ts): state writes only land while the person's SyncState still has it. */
    private readonly runId: string,
  ) {
    this.ctx = { userId, zone, requester, unavailable: this.unavailable };
  }

  /** Writes the person's sync state if this run still owns it; a run that lost it stops. */
  async setState(data: Prisma.SyncStateUpdateInput, tx: Prisma.TransactionClient = db): Promise<void> {
    const { count } = await tx.syncState.updateMany({
      where: { userId: this.userId, runId: this.runId },
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
    fetch: () => Promise<FetchedChunk>,
    next?: (c: FetchedChunk) => plan.SyncProgress,
  ) {
    const chunk = await fetch();
    const progress = next ? next(chunk) : this.progress;
    await db.$transaction(
      async (tx) => {
        // Ownership first: a run that lost its lock must not write a single row.
        await this.setState({ ...this.counters(), progress: progress as Prisma.InputJsonValue }, tx);
        await chunk.write(tx);
      },
      { timeout: 60_000, maxWait: 15_000 },
    );
    this.progress = progress;
    await this.options.onChunkCommitted?.({ metric, label });
    this.requester.checkAborted();
  }

  /** Runs one metric's step; a problem that concerns only this metric is recorded, not thrown. */
  private async guarded(metric: plan.SyncMetric, step: () => Promise<void>): Promise<void> {
    if (this.failed.has(metric) || this.unavailable[metric]) return;
    if (!this.grantedScopes.includes(METRIC_SCOPE[metric])) {
      this.unavailable[metric] = messages.scopeNotGranted(metric);
      return;
    }
    try {
      await step();
    } catch (error) {
      if (!(error instanceof FitbitApiError)) throw error;
      const failure = error.failure;
      if (failure.kind === "insufficient_scope") {
        this.unavailable[metric] = messages.scopeNotGranted(metric);
        return;
      }
      if (failure.kind !== "invalid_payload" && failure.kind !== "client") throw error;
      const text =
        failure.kind === "invalid_payload"
          ? messages.invalidPayload(metric, failure.issues[0])
          : messages.clientError(metric, failure.status);
      this.failed.add(metric);
      this.errors.push(text);
      await recordSyncError(this.userId, metric, error.path, failure.kind, text, failure);
      log.warn("sync chunk rejected", { userId: this.userId, metric, kind: failure.kind });
    }
  }

  async execute(memberSince: string | null, firstSync: boolean): Promise<void> {
    const today = localDateOf(Date.now(), this.zone);
    const targetStart = plan.targetStartDate(
      today,
      this.options.historyDays ?? plan.DEFAULT_HISTORY_DAYS,
      memberSince,
    );
    await this.guarded("devices", () =>
      this.commit("devices", "devices", () => fetchDevices(this.ctx)),
    );

    for (const metric of plan.RANGE_METRICS) {
      await this.guarded(metric, async () => {
        let through: string | undefined;
        for (
          let range = plan.nextForwardChunk(
            metric,
            this.progress[metric],
            today,
            targetStart,
            through,
          );
          range;
        ) {
          const chunkRange = range;
          await this.commit(
            metric,
            `${metric} ${range.start}..${range.end}`,
            () => fetchRangeChunk(this.ctx, metric, chunkRange),
            () => ({
              ...this.progress,
              [metric]: plan.afterForward(this.progress[metric], chunkRange, metric, targetStart),
            }),
          );
          through = range.end;
          range = plan.nextForwardChunk(metric, this.progress[metric], today, targetStart, through);
        }
      });
    }
    if (firstSync)
      await setState(this.userId, { recentCompletedAt: new Date(), phase: "backfill" });

    await this.syncFoodLogs(addDays(today, -(plan.RECENT_DAYS - 1)));
    await this.backfill(targetStart);
    await this.syncFoodLogs(targetStart);
  }

  /** Older history, one chunk per metric in turn, so every chart grows back evenly. */
  private async backfill(targetStart: string): Promise<void> {
    for (let progressed = true; progressed;) {
      progressed = false;
      for (const metric of plan.RANGE_METRICS) {
        const range = plan.nextBackfillChunk(metric, this.progress[metric], targetStart);
        if (!range || this.failed.has(metric) || this.unavailable[metric]) continue;
        await this.guarded(metric, () =>
          this.commit(
            metric,
            `${metric} ${range.start}..${range.end}`,
            () => fetchRangeChunk(this.ctx, metric, range),
            (chunk) => ({
              ...this.progress,
              [metric]: plan.afterBackfill(
                this.progress[metric] ?? { backfillDone: false },
                range,
                targetStart,
                chunk.hadData,
              ),
            }),
          ),
        );
        progressed = true;
      }
    }
  }

  /** Food logs of days whose series says food was logged and whose log we do not have, newest first. */
  private async syncFoodLogs(since: string): Promise<void> {
    if (this.unavailable.nutrition) return;
    await this.guarded("foodLogs", async () => {
      for (;;) {
        const days = await db.nutritionDaily.findMany({
          where: {
            userId: this.userId,
            provider: "fitbit",
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
