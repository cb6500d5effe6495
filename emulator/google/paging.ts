/**
 * Paging of data point lists (reference §3.2, §8). Results are newest first. A page holds at
 * most `pageSize` points and looks at most `scanDays` calendar days of the person (30 for sleep,
 * 90 otherwise, adjustable through the control API): when the scan runs out first, the page is
 * answered as it is, possibly empty, with a `nextPageToken`. So a stretch without data (Noor's
 * weeks without her watch) yields an empty page in the middle of a history, as the live API
 * does. `forceEmptyPages` inserts an empty page after every page that has points and a
 * successor. Page tokens are opaque, tied to the request they came from (type, method, filter,
 * page size, source family); anything else is 400 INVALID_ARGUMENT.
 */
import type { View } from "../data/history";
import { localDay, MS_PER_DAY } from "../data/time";
import { invalidArgument } from "./errors";
import { type Filter, matches } from "./filter";
import type { GooglePerson } from "./people";
import type { DataTypeSpec, Point } from "./points";
import { hash } from "./time";

export interface Cursor {
  /** Bucket day to continue from (walking towards the past). */
  d: number;
  /** Points of that day already returned. */
  i: number;
  /** This page is a forced empty one. */
  e?: 1;
}

interface TokenBody extends Cursor {
  k: string;
}

export function requestKey(parts: readonly (string | number)[]): string {
  return hash(parts.join("\u0000")).slice(0, 16);
}

export function encodeToken(key: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ k: key, ...cursor } satisfies TokenBody)).toString(
    "base64url",
  );
}

export function decodeToken(token: string | null, key: string): Cursor | null {
  if (token === null || token === "") return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    body = null;
  }
  const b = body as Partial<TokenBody> | null;
  if (
    !b ||
    typeof b !== "object" ||
    b.k !== key ||
    !Number.isSafeInteger(b.d) ||
    !Number.isSafeInteger(b.i) ||
    (b.i ?? -1) < 0 ||
    (b.e !== undefined && b.e !== 1)
  ) {
    throw invalidArgument(
      "pageToken",
      "The page token is invalid or does not belong to this request.",
      "Invalid page token.",
    );
  }
  return { d: b.d!, i: b.i!, ...(b.e ? { e: 1 as const } : {}) };
}

/** Page size: absent or 0 = default, above the maximum = the maximum (truncated, as Google). */
export function pageSizeOf(
  raw: string | null,
  spec: { defaultPageSize: number; maxPageSize: number },
): number {
  if (raw === null || raw === "") return spec.defaultPageSize;
  if (!/^-?\d+$/.test(raw))
    throw invalidArgument(
      "pageSize",
      `Invalid value: "${raw}"`,
      `Invalid value at 'page_size' (TYPE_INT32), "${raw}"`,
    );
  const n = Number(raw);
  if (n < 0)
    throw invalidArgument(
      "pageSize",
      "page_size must not be negative",
      "page_size must not be negative.",
    );
  if (n === 0) return spec.defaultPageSize;
  return Math.min(n, spec.maxPageSize);
}

/** Calendar days that can hold matching points, widened by a day each side (samples before
 * midnight belong to the next morning's night). */
export function dayRange(filter: Filter, g: GooglePerson, view: View): { lo: number; hi: number } {
  const tz = g.person.timezone;
  const dayOf = (kind: string, v: number) =>
    kind === "physical" ? localDay(tz, v) : kind === "civil" ? Math.floor(v / MS_PER_DAY) : v;
  let lo = Infinity;
  let hi = -Infinity;
  for (const conj of filter) {
    let l = -Infinity;
    let h = Infinity;
    for (const c of conj) {
      if (c.op === ">=") l = Math.max(l, dayOf(c.kind, c.value));
      else h = Math.min(h, dayOf(c.kind, c.value));
    }
    lo = Math.min(lo, l);
    hi = Math.max(hi, h);
  }
  return { lo: Math.max(view.first, lo - 1), hi: Math.min(view.today, hi + 1) };
}

export interface Page {
  points: Point[];
  next: Cursor | null;
}

export function listPage(
  spec: DataTypeSpec,
  g: GooglePerson,
  view: View,
  filter: Filter,
  keep: (p: Point) => boolean,
  pageSize: number,
  cursor: Cursor | null,
  scanDays: number,
  forceEmptyPages: boolean,
): Page {
  const { lo, hi } = dayRange(filter, g, view);
  if (cursor?.e) return { points: [], next: { d: cursor.d, i: cursor.i } };
  const points: Point[] = [];
  let next: Cursor | null = null;
  let scanned = 0;
  for (let day = cursor ? cursor.d : hi; day >= lo; day--) {
    const list = spec.pointsOfDay(g, view, day).filter((p) => keep(p) && matches(filter, p.values));
    for (let i = cursor && day === cursor.d ? cursor.i : 0; i < list.length; i++) {
      points.push(list[i]!);
      if (points.length === pageSize) {
        next = i + 1 < list.length ? { d: day, i: i + 1 } : { d: day - 1, i: 0 };
        break;
      }
    }
    if (next) break;
    scanned++;
    if (scanned >= scanDays) {
      next = { d: day - 1, i: 0 };
      break;
    }
  }
  if (next && next.d < lo) next = null;
  if (next && forceEmptyPages && points.length > 0) next = { ...next, e: 1 };
  return { points, next };
}
