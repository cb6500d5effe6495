/**
 * Helpers for the data tests: a fixed clock, walking a person's served history, reading Fitbit's
 * offset-less local times back into instants, and a fake DataRequest for calling route handlers.
 */
import { DEMO_PEOPLE } from "../people";
import type { DataRequest, DataResponse, DataRoute, DemoPerson } from "../types";
import { viewOf } from "./history";
import { sleepLogsForDate } from "./index";
import type { SleepLog } from "./shapes";
import {
  formatDay,
  formatLocal,
  localToUtc,
  MS_PER_HOUR,
  parseLocalDateTime,
  utcToLocal,
} from "./time";

/** 2026-11-24 15:00 UTC: afternoon in London, morning in Chicago/New York, midnight in Tokyo. */
export const NOW = Date.UTC(2026, 10, 24, 15, 0, 0);

export const PEOPLE = DEMO_PEOPLE;

export function person(archetype: DemoPerson["archetype"]): DemoPerson {
  const p = DEMO_PEOPLE.find((x) => x.archetype === archetype);
  if (!p) throw new Error(archetype);
  return p;
}

/** Every served date (oldest first) with its logs. */
export function servedNights(p: DemoPerson, nowMs = NOW): { date: string; logs: SleepLog[] }[] {
  const v = viewOf(p, nowMs);
  const out: { date: string; logs: SleepLog[] }[] = [];
  for (let d = v.first; d <= v.today; d++) {
    const date = formatDay(d);
    out.push({ date, logs: sleepLogsForDate(p, date, nowMs) });
  }
  return out;
}

export function servedDates(p: DemoPerson, nowMs = NOW): string[] {
  const v = viewOf(p, nowMs);
  const out: string[] = [];
  for (let d = v.first; d <= v.today; d++) out.push(formatDay(d));
  return out;
}

const stripMs = (s: string) => s.slice(0, 19);

/** The instant a local `yyyy-MM-ddTHH:mm:ss.SSS` denotes, taking the earliest candidate at or
 * after `notBefore` (the repeated hour of a fall-back night has two). */
export function instantOf(tz: string, local: string, notBefore = Number.NEGATIVE_INFINITY): number {
  const localMs = parseLocalDateTime(stripMs(local));
  if (localMs === null) throw new Error(`bad local time ${local}`);
  const first = localToUtc(tz, localMs);
  for (const candidate of [first, first + MS_PER_HOUR]) {
    if (candidate >= notBefore && formatLocal(utcToLocal(tz, candidate)) === local)
      return candidate;
  }
  throw new Error(`${local} is not a wall-clock time in ${tz} at or after ${notBefore}`);
}

/** The start instant of a log: the candidate for startTime from which duration reaches endTime. */
export function logStartUtc(tz: string, log: SleepLog): number {
  const localMs = parseLocalDateTime(stripMs(log.startTime));
  if (localMs === null) throw new Error(log.startTime);
  const first = localToUtc(tz, localMs);
  for (const s of [first, first + MS_PER_HOUR]) {
    const startOk = formatLocal(utcToLocal(tz, s)) === log.startTime;
    const endOk = formatLocal(utcToLocal(tz, s + log.duration)) === log.endTime;
    if (startOk && endOk) return s;
  }
  throw new Error(`no instant fits ${log.startTime}..${log.endTime} (${log.duration} ms)`);
}

export function fakeRequest(
  p: DemoPerson,
  params: Record<string, string>,
  options: {
    query?: Record<string, string>;
    nowMs?: number;
    acceptLanguage?: string;
    intraday?: boolean;
  } = {},
): DataRequest {
  return {
    person: p,
    params: { user: "-", ...params },
    query: new URLSearchParams(options.query ?? {}),
    nowMs: options.nowMs ?? NOW,
    origin: "http://127.0.0.1:4010",
    acceptLanguage: options.acceptLanguage ?? null,
    intradayAllowed: options.intraday ?? true,
  };
}

/** Route the way the core does: the first pattern matching the pathname, with its groups. */
export function dispatch(
  routes: readonly DataRoute[],
  p: DemoPerson,
  url: string,
  options: { nowMs?: number; acceptLanguage?: string; intraday?: boolean } = {},
): { name: string; res: DataResponse } {
  const u = new URL(url, "http://127.0.0.1:4010");
  for (const route of routes) {
    const m = route.pattern.exec(u.pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {}))
      if (v !== undefined) params[k] = decodeURIComponent(v);
    const req = fakeRequest(p, params, { ...options, query: Object.fromEntries(u.searchParams) });
    return { name: route.name, res: route.handle(req) };
  }
  throw new Error(`no route for ${u.pathname}`);
}
