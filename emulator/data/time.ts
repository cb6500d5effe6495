/**
 * Calendar and local-time helpers.
 *
 * Fitbit has no time zones in its data (reference §13): every time is the owner's wall clock with
 * no offset. We therefore keep two clocks apart:
 * - `utcMs`: a real instant (what elapses, what `duration` measures, what the emulator clock is);
 * - `localMs`: the wall-clock reading expressed as if it were UTC ("2024-03-10T01:30:00" is
 *   Date.UTC(2024, 2, 10, 1, 30)). Formatting a localMs with toISOString gives Fitbit's strings.
 * A "day" is a calendar date as an integer: days since 1970-01-01 (timezone-free).
 */

export const MS_PER_MIN = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** `yyyy-MM-dd` -> day number, or null when malformed or not a real calendar date. */
export function parseDay(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / MS_PER_DAY;
}

/** `yyyy-MM-ddTHH:mm:ss` -> localMs, or null. */
export function parseLocalDateTime(s: string): number | null {
  const m = DATETIME_RE.exec(s);
  if (!m) return null;
  const day = parseDay(s.slice(0, 10));
  const [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (day === null || h > 23 || mi > 59 || se > 59) return null;
  return day * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MIN + se * 1000;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** localMs -> `yyyy-MM-ddTHH:mm:ss.SSS` (Fitbit's sleep/HRV/device format, §13). */
export function formatLocal(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 23);
}

export function dayOfLocal(localMs: number): number {
  return Math.floor(localMs / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Add calendar months to a day, clamping to the month's last day (2024-03-31 - 1m = 02-29). */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}

// --- time zones -----------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offsets are cached per zone and UTC day: Intl is slow (microseconds per call) and a night has
 * hundreds of timestamps. Real zones change offset at most once a day, on a whole minute, so a
 * day is described by its starting offset, its ending offset and the minute the switch happens.
 */
interface DayOffsets {
  start: number;
  end: number;
  /** First instant of the day with the `end` offset (Infinity when there is no change). */
  switchAt: number;
}
const offsetCache = new Map<string, Map<number, DayOffsets>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function computeOffset(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

function dayOffsets(timeZone: string, utcDay: number): DayOffsets {
  const dayStart = utcDay * MS_PER_DAY;
  const start = computeOffset(timeZone, dayStart);
  const end = computeOffset(timeZone, dayStart + MS_PER_DAY - MS_PER_MIN);
  if (start === end) return { start, end, switchAt: Number.POSITIVE_INFINITY };
  // Binary search for the minute the offset changes.
  let lo = dayStart; // has `start`
  let hi = dayStart + MS_PER_DAY - MS_PER_MIN; // has `end`
  while (hi - lo > MS_PER_MIN) {
    const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MIN) * MS_PER_MIN;
    if (computeOffset(timeZone, mid) === start) lo = mid;
    else hi = mid;
  }
  return { start, end, switchAt: hi };
}

/** UTC offset (ms, negative west of UTC) in force at an instant. */
export function offsetAt(timeZone: string, utcMs: number): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const utcDay = Math.floor(utcMs / MS_PER_DAY);
  let day = cache.get(utcDay);
  if (!day) {
    day = dayOffsets(timeZone, utcDay);
    cache.set(utcDay, day);
  }
  return utcMs < day.switchAt ? day.start : day.end;
}

export function utcToLocal(timeZone: string, utcMs: number): number {
  return utcMs + offsetAt(timeZone, utcMs);
}

/**
 * Wall clock -> instant. Ambiguous times (the repeated hour of a fall-back night) resolve to the
 * earlier instant; times inside a spring-forward gap are read with the pre-gap offset, which lands
 * after the gap (02:30 on a US spring-forward night becomes 03:30 EDT), like Temporal's
 * "compatible" disambiguation.
 */
export function localToUtc(timeZone: string, localMs: number): number {
  const guess = offsetAt(timeZone, localMs);
  const before = offsetAt(timeZone, localMs - guess - 6 * MS_PER_HOUR);
  const after = offsetAt(timeZone, localMs - guess + 6 * MS_PER_HOUR);
  const valid = [before, after]
    .map((o) => localMs - o)
    .filter((utc) => utcToLocal(timeZone, utc) === localMs);
  if (valid.length > 0) return Math.min(...valid);
  return localMs - before;
}

/** The person's local calendar date at an instant (what `today` means, §13). */
export function localDay(timeZone: string, utcMs: number): number {
  return dayOfLocal(utcToLocal(timeZone, utcMs));
}
