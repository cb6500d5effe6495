/**
 * Shared pieces of the data routes: path patterns, date parameters (`yyyy-MM-dd` or `today`,
 * resolved in the person's zone, §13), range limits and the 400 validation envelope (§4; the
 * exact messages and fieldNames of Fitbit's range/date errors are UNCONFIRMED — ours name the
 * offending parameter and say what is allowed).
 */
import type { WaterUnit } from "../../data/food";
import { viewOf, type View } from "../../data/history";
import { formatDay, parseDay } from "../../data/time";
import {
  fitbitErrorBody,
  type DataRequest,
  type DataResponse,
  type DataRoute,
  type FitbitScope,
} from "../../types";

/** Thrown by parameter helpers; the route wrapper turns it into a 400 validation envelope. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly fieldName: string,
  ) {
    super(message);
  }
}

export function ok(body: unknown): DataResponse {
  return { status: 200, body };
}

export function route(
  name: string,
  scope: FitbitScope,
  pattern: RegExp,
  handle: (req: DataRequest) => DataResponse,
): DataRoute {
  return {
    method: "GET",
    name,
    scope,
    pattern,
    handle(req) {
      try {
        return handle(req);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return { status: 400, body: fitbitErrorBody("validation", err.message, err.fieldName) };
      }
    },
  };
}

/** `^/{version}/user/{user}/` + rest + `$`, where `rest` is a regex source using named groups. */
export function path(version: "1" | "1.2", rest: string): RegExp {
  return new RegExp(`^/${version.replace(".", "\\.")}/user/(?<user>[^/]+)/${rest}$`);
}

/** A path segment as a named group. */
export const seg = (name: string) => `(?<${name}>[^/]+)`;
/** A last segment before `.json` that is not `all` (so `{date}/all.json` is not a range). */
export const segNotAll = (name: string) => `(?<${name}>(?!all\\.json$)[^/]+)`;

export function param(req: DataRequest, name: string): string {
  const v = req.params[name];
  if (v === undefined) throw new Error(`route pattern lacks group ${name}`);
  return v;
}

/** `yyyy-MM-dd` or `today` -> day number. */
export function resolveDate(view: View, value: string, fieldName = "date"): number {
  if (value === "today") return view.today;
  const day = parseDay(value);
  if (day === null) {
    throw new ValidationError(`Invalid date: ${value}. Use yyyy-MM-dd or today.`, fieldName);
  }
  return day;
}

export interface DayRange {
  start: number;
  end: number;
}

/** An inclusive range, at most `maxDays` long, start not after end (§13). */
export function resolveRange(view: View, start: string, end: string, maxDays: number): DayRange {
  const s = resolveDate(view, start);
  const e = resolveDate(view, end);
  checkRange(s, e, maxDays);
  return { start: s, end: e };
}

export function checkRange(start: number, end: number, maxDays: number): void {
  if (start > end) {
    throw new ValidationError(
      `Invalid date range: start date ${formatDay(start)} is after end date ${formatDay(end)}.`,
      "startDate",
    );
  }
  const days = end - start + 1;
  if (days > maxDays) {
    throw new ValidationError(
      `Invalid date range: ${days} days requested; the maximum for this resource is ${maxDays} days.`,
      "endDate",
    );
  }
}

export function daysOf(range: DayRange): number[] {
  const out: number[] = [];
  for (let d = range.start; d <= range.end; d++) out.push(d);
  return out;
}

export function viewFor(req: DataRequest): View {
  return viewOf(req.person, req.nowMs);
}

/** Water in fl oz only for `Accept-Language: en_US` (§10.3, UNCONFIRMED); ml otherwise. */
export function waterUnit(acceptLanguage: string | null): WaterUnit {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().replace("-", "_").toLowerCase() ?? "";
  return first.startsWith("en_us") ? "fl oz" : "ml";
}
