import type { Metric } from "@/lib/api-schemas/dashboard";
import { METRICS } from "@/lib/api-schemas/dashboard";
import { AppError } from "@/lib/errors/app-error";

declare const authorized: unique symbol;

/**
 * A person whose health data the current viewer may read, with the metrics and the window of
 * local dates they may read it for. Only lib/authz creates one (the brand cannot be spelled
 * elsewhere without a cast, and lint forbids that cast outside lib/authz); every health-data
 * query in lib/queries takes one instead of a bare user id.
 */
export interface AuthorizedSubject {
  readonly userId: string;
  readonly viewerId: string;
  readonly metrics: readonly Metric[];
  /** Inclusive local dates; null = no limit (a person looking at themself). */
  readonly window: { readonly from: string; readonly to: string | null } | null;
  /** Set when the access comes through a study. */
  readonly studyId: string | null;
  readonly [authorized]: true;
}

/** lib/authz only: stamps the brand on a checked subject. */
export function brandSubject(subject: Omit<AuthorizedSubject, typeof authorized>): AuthorizedSubject {
  return Object.freeze({ ...subject, metrics: Object.freeze([...subject.metrics]) }) as AuthorizedSubject;
}

export class OutsideGrantError extends AppError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

export interface ScopedRead {
  userId: string;
  from: string;
  to: string;
  /** Earliest date a query may look back to for context (baselines, rolling means). */
  floor: string | null;
}

/**
 * What a query may read for one metric and range: the range clipped to the subject's window.
 * Refuses (404, nothing revealed) a metric the subject does not cover or a range wholly outside
 * the window. Queries call this first, so the check holds however a query is reached.
 */
export function scopeRead(subject: AuthorizedSubject, metric: Metric, range: { from: string; to: string }): ScopedRead {
  if (!subject.metrics.includes(metric)) throw new OutsideGrantError("No such data.");
  if (!subject.window) return { userId: subject.userId, from: range.from, to: range.to, floor: null };
  const from = range.from > subject.window.from ? range.from : subject.window.from;
  const windowTo = subject.window.to;
  const to = windowTo !== null && windowTo < range.to ? windowTo : range.to;
  if (from > to) throw new OutsideGrantError("No such data.");
  return { userId: subject.userId, from, to, floor: subject.window.from };
}

/** A person's own subject: every metric, no window. */
export const ALL_METRICS: readonly Metric[] = METRICS;

/** The first date a query may read to give `days` of context before the range, never before the window. */
export function lookBackFrom(read: ScopedRead, firstContextDate: string): string {
  return read.floor !== null && read.floor > firstContextDate ? read.floor : firstContextDate;
}
