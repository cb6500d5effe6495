/**
 * Sleep v1.2 (§5): by date, by range (max 100 days) and the paged list.
 *
 * Log order (UNCONFIRMED for Fitbit): newest first everywhere except `sleep/list` with
 * `sort=asc`. Within a date, logs never overlap, so date order and startTime order agree.
 */
import { visibleLogs, type View } from "../../data/history";
import type { SleepLog } from "../../data/shapes";
import { daySummary } from "../../data/sleep";
import { dayOfLocal, formatDay, formatLocal, parseDay, parseLocalDateTime } from "../../data/time";
import type { DataRequest } from "../../types";
import {
  daysOf,
  ok,
  param,
  path,
  resolveDate,
  resolveRange,
  route,
  seg,
  ValidationError,
  viewFor,
} from "./common";

const SLEEP_RANGE_MAX = 100;
const LIST_LIMIT_MAX = 100;

/** Logs of one date, newest first. */
function logsOf(view: View, day: number): SleepLog[] {
  return visibleLogs(view, day)
    .map((g) => g.log)
    .sort((a, b) => (a.startTime < b.startTime ? 1 : -1));
}

const sleepDate = route(
  "sleep.date",
  "sleep",
  path("1.2", `sleep/date/${seg("date")}\\.json`),
  (req) => {
    const view = viewFor(req);
    const sleep = logsOf(view, resolveDate(view, param(req, "date")));
    return ok({ sleep, summary: daySummary(sleep) });
  },
);

const sleepRange = route(
  "sleep.range",
  "sleep",
  path("1.2", `sleep/date/${seg("start")}/${seg("end")}\\.json`),
  (req) => {
    const view = viewFor(req);
    const range = resolveRange(view, param(req, "start"), param(req, "end"), SLEEP_RANGE_MAX);
    // Only `sleep`, no `summary` (Fitbit.NET GetSleepRange fixture, §5.1).
    return ok({
      sleep: daysOf(range)
        .reverse()
        .flatMap((d) => logsOf(view, d)),
    });
  },
);

/**
 * `beforeDate` / `afterDate` semantics (UNCONFIRMED, our choice):
 * - a date (`yyyy-MM-dd`, or `today`) compares with `dateOfSleep`, inclusively: beforeDate=D lists
 *   logs dated D and earlier, so `beforeDate=today` includes last night;
 * - a date-time (`yyyy-MM-ddTHH:mm:ss`, local) compares with `startTime`, strictly.
 */
interface ListFilter {
  key: "beforeDate" | "afterDate";
  raw: string;
  /** Date from which to walk (inclusive), towards the past for desc, the future for asc. */
  fromDay: number;
  accepts(log: SleepLog): boolean;
}

function listFilter(view: View, query: URLSearchParams): ListFilter {
  const before = query.get("beforeDate");
  const after = query.get("afterDate");
  if (before === null && after === null) {
    throw new ValidationError("Either beforeDate or afterDate is required.", "beforeDate");
  }
  if (before !== null && after !== null) {
    throw new ValidationError("Specify only one of beforeDate and afterDate.", "afterDate");
  }
  const key = before !== null ? "beforeDate" : "afterDate";
  const raw = (before ?? after) as string;
  const isBefore = key === "beforeDate";
  const day = raw === "today" ? view.today : parseDay(raw);
  if (day !== null) {
    return {
      key,
      raw,
      fromDay: day,
      accepts: (log) =>
        isBefore ? log.dateOfSleep <= formatDay(day) : log.dateOfSleep >= formatDay(day),
    };
  }
  const local = parseLocalDateTime(raw);
  if (local === null) {
    throw new ValidationError(
      `Invalid ${key}: ${raw}. Use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.`,
      key,
    );
  }
  const t = formatLocal(local);
  return {
    key,
    raw,
    // A log starting before T may end the next day; a log starting after T ends on T's day or later.
    fromDay: isBefore ? dayOfLocal(local) + 1 : dayOfLocal(local),
    accepts: (log) => (isBefore ? log.startTime < t : log.startTime > t),
  };
}

function intParam(query: URLSearchParams, name: string, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) throw new ValidationError(`${name} is required.`, name);
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new ValidationError(`Invalid ${name}: ${raw}. It must be an integer ${bound}.`, name);
  }
  return n;
}

/**
 * §5.4. `offset`: Fitbit documents only 0 for clients and pages with `next`/`previous`; since our
 * own `next` links carry offset=N, any non-negative offset is accepted (clients building offsets
 * themselves would be misbehaving, but the emulator does not police that).
 */
const sleepList = route(
  "sleep.list",
  "sleep",
  path("1.2", "sleep/list\\.json"),
  (req: DataRequest) => {
    const view = viewFor(req);
    const filter = listFilter(view, req.query);
    const sort = req.query.get("sort");
    const wanted = filter.key === "beforeDate" ? "desc" : "asc";
    if (sort === null)
      throw new ValidationError(`sort is required (${wanted} with ${filter.key}).`, "sort");
    if (sort !== wanted) {
      throw new ValidationError(
        `Invalid sort: ${sort}. Use sort=${wanted} with ${filter.key}.`,
        "sort",
      );
    }
    const limit = intParam(req.query, "limit", 1, LIST_LIMIT_MAX);
    const offset = intParam(req.query, "offset", 0, Number.MAX_SAFE_INTEGER);

    // Walk dates lazily from the filter's date, collecting one more log than the page needs to
    // know whether a next page exists.
    const needed = offset + limit + 1;
    const collected: SleepLog[] = [];
    const desc = sort === "desc";
    let day = desc ? Math.min(filter.fromDay, view.today) : Math.max(filter.fromDay, view.first);
    while (collected.length < needed && day >= view.first && day <= view.today) {
      const logs = logsOf(view, day).filter(filter.accepts);
      collected.push(...(desc ? logs : logs.reverse()));
      day += desc ? -1 : 1;
    }
    const page = collected.slice(offset, offset + limit);
    const link = (o: number) =>
      `${req.origin}/1.2/user/${param(req, "user")}/sleep/list.json?offset=${o}&limit=${limit}&sort=${sort}&${filter.key}=${filter.raw}`; // raw is validated: digits, '-', 'T', ':' or 'today'
    return ok({
      pagination: {
        [filter.key]: filter.raw,
        limit,
        next: collected.length > offset + limit ? link(offset + limit) : "",
        offset,
        previous: offset > 0 ? link(Math.max(0, offset - limit)) : "",
        sort,
      },
      sleep: page,
    });
  },
);

export const sleepRoutes = [sleepDate, sleepRange, sleepList];
