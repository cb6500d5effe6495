import "server-only";
import type { z } from "zod";
import {
  ProviderApiError,
  type ApiRequest,
  type HealthProvider,
  type ProviderHttp,
  type RateLimitInfo,
} from "@/lib/providers/types";

/**
 * Every provider request of a sync goes through here, so the rate budget is respected in one
 * place. The provider's policy says where the budget comes from: reported on every response
 * (headers), or a fixed window counted here. We stop at the policy's reserve (headers are
 * "approximate and asynchronously updated", so a 429 can come early) and pause until the reset
 * instead of spending the last requests. A pause is not a sleep: the engine persists it and the
 * job is re-scheduled for after the reset.
 * The reserve also keeps a few requests of the person's quota for what they do by hand
 * (signing in again reads the profile, opening an older night's HRV): a background backfill
 * must never lock the person out of their own session.
 */
/** The default reserve (the legacy provider's, kept here for callers that predate the boundary). */
export const SAFETY_MARGIN = 10;

export interface RateBudget {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/** Thrown to end a run early and come back later (rate limit, or the provider failing). */
export class SyncPause extends Error {
  constructor(
    public readonly reason: "rate_limit" | "backoff",
    public readonly resumeAt: Date,
  ) {
    super(`sync paused (${reason}) until ${resumeAt.toISOString()}`);
    this.name = "SyncPause";
  }
}

/** Thrown when the caller asked the run to stop (worker shutdown, tests). */
export class SyncAborted extends Error {
  constructor() {
    super("sync aborted");
    this.name = "SyncAborted";
  }
}

export interface RequesterOptions {
  userId: string;
  provider: HealthProvider;
  budget: RateBudget | null;
  signal?: AbortSignal;
  /** In-process retries of a 5xx/network failure before the run pauses (BACKING_OFF). */
  retries?: number;
  /** First retry delay; doubles each time. */
  retryBaseMs?: number;
  /** How long to pause after retries ran out, per consecutive back-off of this sync. */
  backoffPauseMs?: number;
  /** Requests of the quota this requester leaves untouched. Background syncs keep the
   * provider's reserve; what the person asks for right now may use it, down to the last one. */
  reserve?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SyncRequester implements ProviderHttp {
  budget: RateBudget | null;
  requests = 0;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  /** How long a run pauses when the provider keeps failing (grows with consecutive back-offs). */
  readonly backoffPauseMs: number;

  constructor(private readonly options: RequesterOptions) {
    this.budget = options.budget;
    this.retries = options.retries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.backoffPauseMs = options.backoffPauseMs ?? 5 * 60_000;
  }

  checkAborted(): void {
    if (this.options.signal?.aborted) throw new SyncAborted();
  }

  /** A provider without quota headers: count this request against the current window. */
  private count(): void {
    const policy = this.options.provider.rateLimit;
    if (policy.kind !== "counted") return;
    const now = Date.now();
    if (!this.budget || this.budget.resetAt.getTime() <= now)
      this.budget = { limit: policy.limit, remaining: policy.limit, resetAt: new Date(now + policy.windowSeconds * 1000) };
    this.budget = { ...this.budget, remaining: Math.max(0, this.budget.remaining - 1) };
  }

  private observe(info: RateLimitInfo | null): void {
    if (!info) return;
    this.budget = {
      limit: info.limit,
      remaining: info.remaining,
      resetAt: new Date(info.observedAt + info.resetSeconds * 1000),
    };
  }

  private ensureBudget(): void {
    const budget = this.budget;
    const reserve = this.options.reserve ?? this.options.provider.rateLimit.reserve;
    if (budget && budget.remaining <= reserve && budget.resetAt.getTime() > Date.now()) {
      // A second past the reset, so the first request of the new window is not early.
      throw new SyncPause("rate_limit", new Date(budget.resetAt.getTime() + 1000));
    }
  }

  get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return this.send({ method: "GET", path }, schema);
  }

  async send<S extends z.ZodType>(request: ApiRequest, schema: S): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      this.checkAborted();
      this.ensureBudget();
      try {
        this.count();
        const result = await this.options.provider.request(this.options.userId, request, schema);
        this.requests++;
        this.observe(result.rateLimit);
        return result.data;
      } catch (error) {
        if (!(error instanceof ProviderApiError)) throw error;
        this.requests++;
        this.observe(error.rateLimit);
        const failure = error.failure;
        if (failure.kind === "rate_limited") {
          this.budget = {
            limit: this.budget?.limit ?? 0,
            remaining: 0,
            resetAt: new Date(Date.now() + failure.retryAfterSeconds * 1000),
          };
          throw new SyncPause(
            "rate_limit",
            new Date(Date.now() + failure.retryAfterSeconds * 1000 + 1000),
          );
        }
        if (failure.kind !== "server" && failure.kind !== "network") throw error;
        if (attempt >= this.retries)
          throw new SyncPause("backoff", new Date(Date.now() + this.backoffPauseMs));
        await wait(this.retryBaseMs * 2 ** attempt);
      }
    }
  }
}
