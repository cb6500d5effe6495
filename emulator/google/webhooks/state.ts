/**
 * The webhook side of the emulated Google Health API, hung off `state.google.webhooks`: the
 * project's subscribers, the signing key, deliveries, and the changes that cause notifications:
 * - a new night recorded: a sleep session whose end the emulator clock passed (checked whenever
 *   the clock is moved through the control API and every `scanMs` of real time) → UPSERT for
 *   `sleep` and the nightly types derived from it;
 * - data deleted (control API `POST google/users/{id}/delete-data`): the points stop being
 *   served → DELETE for their interval;
 * - consent revoked (`POST /revoke`, control `users/{id}/revoke-tokens?provider=google`) →
 *   DELETE for each subscribed type over the person's whole served history.
 */
import type { Clock } from "../../clock";
import { viewOf } from "../../data/history";
import { formatDay, formatLocal, localDay, MS_PER_DAY, utcToLocal } from "../../data/time";
import type { FaultQueue } from "../../faults";
import { GOOGLE_PEOPLE, type GooglePerson } from "../people";
import { DATA_TYPES, findDataType, type Point } from "../points";
import { READ_SCOPES } from "../scopes";
import { civilAt, rfc3339 } from "../time";
import type { GoogleTokenStore } from "../tokens";
import { Deliverer, type DeliveryOptions } from "./delivery";
import { WebhookSigner } from "./signing";
import { SubscriberStore } from "./subscribers";

/** Types derived from a night's main sleep: announced with it. */
const NIGHTLY_TYPES = ["daily-heart-rate-variability", "heart-rate-variability", "daily-respiratory-rate", "respiratory-rate-sleep-summary"];
/** A clock jump announces at most this many days of new nights (the rest is history). */
const SCAN_MAX_DAYS = 7;

export interface WebhookOptions extends DeliveryOptions {
  /** Real-time interval of the new-night check (0 = only when the clock is moved). */
  scanMs: number;
}
export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { retryBaseMs: 1000, maxAttempts: 8, scanMs: 30_000 };

interface Span {
  startMs: number;
  endMs: number;
}

export class WebhookState {
  readonly signer = new WebhookSigner();
  readonly subscribers = new SubscriberStore();
  readonly deliverer: Deliverer;
  private readonly deleted = new Set<string>();
  private lastScanMs: number;
  private readonly ticker: NodeJS.Timeout | null;

  constructor(
    private readonly clock: Clock,
    faults: FaultQueue,
    private readonly tokens: GoogleTokenStore,
    options: WebhookOptions,
  ) {
    this.deliverer = new Deliverer(this.signer, faults, () => clock.now(), options);
    this.lastScanMs = clock.now();
    this.ticker = options.scanMs > 0 ? setInterval(() => this.scan(), options.scanMs) : null;
    this.ticker?.unref();
    tokens.onRevoke = (healthUserId) => this.revoked(healthUserId);
  }

  isDeleted(healthUserId: string, kebab: string, p: Point): boolean {
    return this.deleted.size > 0 && this.deleted.has(`${healthUserId}|${kebab}|${p.sortMs}`);
  }

  /**
   * Sends `operation` for `dataType` to every subscriber whose config names the type and covers
   * the person: AUTOMATIC when they granted the type's scope (or `anyway`, for the revocation
   * itself), MANUAL when they have a subscription. Returns the deliveries queued.
   */
  notify(g: GooglePerson, dataType: string, operation: "UPSERT" | "DELETE", spans: Span[], anyway = false): number {
    const spec = findDataType(dataType);
    const granted =
      anyway || (spec !== undefined && this.tokens.summary(g.healthUserId).activeRefreshTokens > 0 && this.tokens.summary(g.healthUserId).grantedScopes.includes(READ_SCOPES[spec.scope]));
    let queued = 0;
    for (const s of this.subscribers.list()) {
      for (const config of s.configs) {
        if (!config.dataTypes.includes(dataType as (typeof config.dataTypes)[number])) continue;
        const manual = config.subscriptionCreatePolicy === "MANUAL" ? this.subscribers.manualFor(s.id, g.healthUserId, dataType) : undefined;
        if (config.subscriptionCreatePolicy === "AUTOMATIC" ? !granted : !manual) continue;
        const body = JSON.stringify({
          data: {
            version: "1",
            clientProvidedSubscriptionName: manual ? manual.id : s.id,
            healthUserId: g.healthUserId,
            operation,
            dataType,
            intervals: spans.map((span) => interval(g, span)),
          },
        });
        this.deliverer.enqueue({ subscriberId: s.id, endpointUri: s.endpointUri, secret: s.secret }, { healthUserId: g.healthUserId, dataType, operation }, body);
        queued++;
        break; // one notification per subscriber, whichever of its configs matched first
      }
    }
    return queued;
  }

  /** Announces the sleep sessions that ended since the last check (called on clock moves and by the ticker). */
  scan(): number {
    const now = this.clock.now();
    const from = Math.max(this.lastScanMs, now - SCAN_MAX_DAYS * MS_PER_DAY);
    this.lastScanMs = now;
    if (now <= from || this.subscribers.list().length === 0) return 0;
    const sleep = findDataType("sleep")!;
    let queued = 0;
    for (const g of GOOGLE_PEOPLE) {
      const view = viewOf(g.person, now);
      for (let day = localDay(g.person.timezone, from); day <= view.today; day++) {
        for (const p of sleep.pointsOfDay(g, view, day)) {
          const span = sessionSpan(p);
          if (!span || span.endMs <= from || span.endMs > now || this.isDeleted(g.healthUserId, "sleep", p)) continue;
          queued += this.notify(g, "sleep", "UPSERT", [span]);
          if ((p.data.sleep as { metadata?: { mainSleep?: boolean } } | undefined)?.metadata?.mainSleep === true)
            for (const type of NIGHTLY_TYPES) queued += this.notify(g, type, "UPSERT", [span]);
        }
      }
    }
    return queued;
  }

  /** Control API: the person deletes `dataType` points of one calendar day (their bucket day). */
  deleteData(g: GooglePerson, dataType: string, date: string): number {
    const spec = findDataType(dataType);
    const day = Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
    if (!spec || !Number.isInteger(day)) return 0;
    const points = spec.pointsOfDay(g, viewOf(g.person, this.clock.now()), day).filter((p) => !this.isDeleted(g.healthUserId, spec.kebab, p));
    for (const p of points) this.deleted.add(`${g.healthUserId}|${spec.kebab}|${p.sortMs}`);
    if (points.length > 0) this.notify(g, spec.kebab, "DELETE", points.map((p) => sessionSpan(p) ?? { startMs: p.sortMs, endMs: p.sortMs }));
    return points.length;
  }

  /** The person took their consent back: every subscribed type, over everything that was served. */
  private revoked(healthUserId: string): void {
    const g = GOOGLE_PEOPLE.find((p) => p.healthUserId === healthUserId);
    if (!g) return;
    const view = viewOf(g.person, this.clock.now());
    const span = { startMs: Date.parse(`${formatDay(view.first)}T00:00:00Z`), endMs: this.clock.now() };
    for (const spec of DATA_TYPES) this.notify(g, spec.kebab, "DELETE", [span], true);
  }

  resetTransient(): void {
    this.deleted.clear();
    this.deliverer.clearLog();
    this.lastScanMs = this.clock.now();
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.deliverer.stop();
  }
}

/** A session point's interval (sleep, logs); null for samples. */
function sessionSpan(p: Point): Span | null {
  const record = Object.values(p.data)[0] as { interval?: { startTime?: string; endTime?: string } } | undefined;
  const start = Date.parse(record?.interval?.startTime ?? "");
  const end = Date.parse(record?.interval?.endTime ?? "");
  return Number.isFinite(start) && Number.isFinite(end) ? { startMs: start, endMs: end } : null;
}

/** A notification interval: physical, civil date-time and civil ISO forms (reference §5). */
function interval(g: GooglePerson, span: Span) {
  const tz = g.person.timezone;
  const iso = (ms: number) => formatLocal(utcToLocal(tz, ms)).slice(0, 19);
  return {
    physicalTimeInterval: { startTime: rfc3339(span.startMs), endTime: rfc3339(span.endMs) },
    civilDateTimeInterval: { startDateTime: civilAt(tz, span.startMs), endDateTime: civilAt(tz, span.endMs) },
    civilIso8601TimeInterval: { startTime: iso(span.startMs), endTime: iso(span.endMs) },
  };
}
