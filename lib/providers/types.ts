/**
 * The provider boundary: everything Nightly knows about one health-data provider (OAuth, scopes,
 * how its history is walked, how a request is made and what its failures mean) sits behind this
 * interface, implemented once per provider in `lib/providers/<name>/`. The sync engine
 * (`lib/sync`) only sees these types; it never names a provider, an endpoint or a header.
 */
import type { Provider } from "next-auth/providers/index";
import type { z } from "zod";
import type { PersonZone } from "./local-time";
import type {
  BreathingRateRow,
  DeviceRow,
  FoodDayTotals,
  FoodEntryRow,
  HrvDailyRow,
  HrvIntradayRow,
  NutritionSeriesRow,
  SleepLogRow,
} from "./model";

/** The metrics the engine walks over history (each has a cursor of its own). */
export type RangeMetric = "sleep" | "hrv" | "br" | "nutrition" | "hrvIntraday";
/** Everything a sync may be unable to do, for the per-metric "unavailable" notes. */
export type SyncMetric = RangeMetric | "foodLogs" | "devices";
export const RANGE_METRICS: readonly RangeMetric[] = ["sleep", "hrv", "br", "nutrition", "hrvIntraday"];

export interface DayRange {
  start: string;
  end: string;
}

// ---------------------------------------------------------------------------------------------
// Failures: one vocabulary for every provider, mapped from each provider's own error bodies.

export type ProviderFailure =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "insufficient_scope"; message: string }
  /** The provider switched this API off for good (Fitbit's 410). */
  | { kind: "gone" }
  | { kind: "server"; status: number }
  | { kind: "client"; status: number; errorType: string | undefined; message: string | undefined }
  /** The access token was refused even after one refresh. */
  | { kind: "unauthorized" }
  | { kind: "network"; detail: string }
  | { kind: "invalid_payload"; issues: string[] };

/** What a provider reported (or the requester counted) about the person's request quota. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** seconds until the window resets */
  resetSeconds: number;
  observedAt: number;
}

export class ProviderApiError extends Error {
  constructor(
    public readonly failure: ProviderFailure,
    public readonly path: string,
    public readonly rateLimit: RateLimitInfo | null,
    public readonly provider = "",
  ) {
    super(`${provider || "provider"} ${path}: ${failure.kind}`);
    this.name = "ProviderApiError";
  }
}

/** Why a token request failed, in terms the token manager acts on. */
export type TokenFailure =
  | { kind: "invalid_grant" } // refresh token unknown, used or revoked: the person must consent again
  | { kind: "retired" } // the provider's OAuth endpoints are switched off
  | { kind: "transient"; status: number | null; detail: string }; // 5xx, 429, network: try later

export class ProviderTokenError extends Error {
  constructor(public readonly failure: TokenFailure) {
    super(`token request failed: ${failure.kind}${"detail" in failure ? ` (${failure.detail})` : ""}`);
    this.name = "ProviderTokenError";
  }
}

export interface RefreshedTokens {
  access_token: string;
  /** Absent when the provider keeps the refresh token (Google); present when it rotates (Fitbit). */
  refresh_token?: string;
  expires_in: number;
  scope?: string;
}

// ---------------------------------------------------------------------------------------------
// Requests and rate limits.

export interface ApiRequest {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

export interface ApiResult<T> {
  data: T;
  rateLimit: RateLimitInfo | null;
}

/**
 * How a provider limits a person's requests. `headers`: the provider reports the quota on every
 * answer (Fitbit). `counted`: a fixed window the requester counts itself (Google, 300/min).
 * `reserve` requests of each window are left to what the person does by hand.
 */
export type RateLimitPolicy =
  | { kind: "headers"; reserve: number }
  | { kind: "counted"; limit: number; windowSeconds: number; reserve: number };

/** The requester the engine hands to a provider's fetch steps (budget, retries, pauses). */
export interface ProviderHttp {
  get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>>;
  send<S extends z.ZodType>(request: ApiRequest, schema: S): Promise<z.infer<S>>;
}

// ---------------------------------------------------------------------------------------------
// The sync plan: a cursor per metric that only the provider reads.

export interface FetchContext {
  userId: string;
  zone: PersonZone;
  http: ProviderHttp;
  /** Per-metric reasons a metric (or part of it) is unavailable; providers add partial notes. */
  unavailable: Record<string, string>;
  /** This provider's stored sleep sessions whose wake date is in `range` (to date samples by night). */
  sleepSessions(range: DayRange): Promise<Array<{ day: string; startMs: number; endMs: number }>>;
}

export interface PlanContext {
  today: string;
  targetStart: string;
}

/** One unit of work: fetched completely, then committed with the metric's next cursor. */
export interface SyncStep {
  metric: RangeMetric;
  label: string;
  /** The dates this step covers (what the writers replace). */
  range: DayRange;
  direction: "forward" | "backfill";
  /** Provider-private (page token, window). */
  detail?: unknown;
}

/** Normalized rows of one step, each batch replacing what was stored for its range. */
export type Batch =
  | { kind: "sleep"; range: DayRange; rows: SleepLogRow[] }
  | { kind: "hrv"; range: DayRange; rows: HrvDailyRow[] }
  | { kind: "hrvIntraday"; range: DayRange; rows: HrvIntradayRow[] }
  | { kind: "br"; range: DayRange; rows: BreathingRateRow[] }
  | { kind: "nutritionSeries"; range: DayRange; rows: NutritionSeriesRow[] }
  | {
      kind: "foodDay";
      day: string;
      totals: FoodDayTotals;
      entries: FoodEntryRow[];
    }
  | { kind: "devices"; rows: DeviceRow[] };

export interface FetchResult {
  /** Whether the provider had any data in the range (feeds the empty-stretch stop). */
  hadData: boolean;
  batches: Batch[];
  /** Provider-private outcome the plan uses to compute the next cursor (e.g. nextPageToken). */
  detail?: unknown;
}

/** What the status panel shows of one metric's cursor. */
export interface CursorView {
  oldestSynced: string | null;
  newestSynced: string | null;
  targetStart: string | null;
  backfillDone: boolean;
}

export interface ProviderSyncPlan {
  /** Metrics in the order a run walks them. */
  metrics: readonly RangeMetric[];
  /** Metrics kept only for a recent window (never backfilled). */
  recentOnly: ReadonlySet<RangeMetric>;
  /** The next step bringing a metric up to today, or null when it is up to date for this run. */
  nextForward(metric: RangeMetric, cursor: unknown, ctx: PlanContext, previous: SyncStep | undefined): SyncStep | null;
  /** The next older step, or null when the metric's history is complete. */
  nextBackfill(metric: RangeMetric, cursor: unknown, ctx: PlanContext): SyncStep | null;
  /** The cursor after `step` committed. */
  advance(cursor: unknown, step: SyncStep, result: FetchResult, ctx: PlanContext): unknown;
  describe(cursor: unknown): CursorView;
}

// ---------------------------------------------------------------------------------------------
// Push: a provider that notifies Nightly of changes (Google Health webhooks, decision 0017).

/** One changed stretch as the provider named it: instants (RFC 3339) and/or local civil times. */
export interface PushInterval {
  start: string | null;
  end: string | null;
  civilStart: string | null;
  civilEnd: string | null;
}

/** What a notification says changed. It carries no values: the data is read again. */
export interface PushChange {
  operation: "UPSERT" | "DELETE";
  dataType: string;
  intervals: PushInterval[];
}

export interface ProviderPush {
  /** Whether this deployment is configured to receive the provider's notifications. */
  enabled(): boolean;
  /**
   * The steps that re-read exactly what changed (a metric and the person's local dates), for
   * the engine to fetch and commit like any step but without moving a cursor. The same steps
   * serve UPSERT and DELETE: a re-read window replaces what was stored for it, so deleted data
   * goes and the order notifications arrive in does not matter. [] = a type Nightly keeps not.
   */
  stepsFor(change: PushChange, zone: PersonZone): SyncStep[];
}

// ---------------------------------------------------------------------------------------------
// The provider.

/** What a provider's NextAuth `profile()` returns: the user row's fields. */
export interface SignInProfile {
  id: string;
  name: string | null;
  email: null;
  image: string | null;
  timezone: string | null;
  utcOffsetMs: number | null;
  memberSince: string | null;
  unitSystem: "METRIC" | "US" | "UK";
  /** Google Health: the legacy Fitbit id from users/me/identity ("" when the person had none). */
  legacyUserId?: string;
}

export interface ProviderCopy {
  /** "Fitbit", "Google" — in sentences shown to the person. */
  name: string;
  /** "hourly", "per-minute" — the quota window, in sentences. */
  quotaWindow: string;
  /** Where the person grants access ("the Fitbit consent page"). */
  consentPage: string;
}

export interface HealthProvider {
  /** The NextAuth provider id, stored as `provider` on every connection and synced row. */
  id: string;
  copy: ProviderCopy;
  // OAuth
  /** Whether this deployment has credentials for the provider (else it offers no sign-in). */
  configured(): boolean;
  nextAuthProvider(): Provider;
  /** The person's id at the legacy provider this one succeeds, read from the raw OAuth profile
   * NextAuth hands the signIn callback (Google Health: identity.legacyUserId); "" when none. */
  legacyUserIdOf?(oauthProfile: unknown): string;
  refreshToken(refreshToken: string): Promise<RefreshedTokens>;
  revokeToken(token: string): Promise<"revoked" | "retired" | "failed">;
  /** The provider's scope string → the scope names Nightly stores. */
  parseGrantedScopes(scope: string | null | undefined): string[];
  /** The stored scope each sync metric needs. */
  metricScopes: Record<SyncMetric, string>;
  // Requests
  request<S extends z.ZodType>(userId: string, request: ApiRequest, schema: S): Promise<ApiResult<z.infer<S>>>;
  rateLimit: RateLimitPolicy;
  // Sync
  plan: ProviderSyncPlan;
  fetchStep(ctx: FetchContext, step: SyncStep): Promise<FetchResult>;
  fetchDevices?(ctx: FetchContext): Promise<FetchResult>;
  /** Per-day detail (meals, macros) for days the nutrition series says have food logged. */
  fetchFoodDay?(ctx: FetchContext, day: string): Promise<FetchResult>;
  /** Present when the provider can push changes (webhooks). */
  push?: ProviderPush;
}
