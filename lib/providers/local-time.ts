/**
 * Provider local times (no offset, reference §13) to instants, in the person's zone.
 *
 * The zone is the person's IANA timezone (User.timezone); without one we fall back to the fixed
 * User.utcOffsetMs from the profile, and without that to UTC. Wall times that do not map to
 * exactly one instant are resolved like Temporal's "compatible" disambiguation, so every run
 * gives the same answer:
 *  - gap (spring forward, e.g. 02:30 that never happened): read with the offset in force
 *    *before* the jump, which lands just after it (02:30 EST → 03:30 EDT);
 *  - overlap (fall back, e.g. 01:30 that happened twice): the *earlier* instant (the first 01:30).
 * Sleep logs avoid most of this: the end instant is start + duration (real elapsed ms), see
 * normalize/sleep.ts.
 */

export interface PersonZone {
  timezone: string | null;
  utcOffsetMs: number | null;
}

export interface Instant {
  at: Date;
  /** Offset in force at that instant, minutes east of UTC. */
  utcOffsetMin: number;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall time read as if it were UTC (ms), or null when malformed. */
export function wallClockMs(local: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", ms = "0"] = m;
  return Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, "0")),
  );
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Offset (ms east of UTC) of `timezone` at the instant `utcMs`. */
export function zoneOffsetMs(timezone: string, utcMs: number): number {
  const parts = Object.fromEntries(
    formatterFor(timezone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

function isValidZone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The instant a local wall time stands for in the person's zone (see the file comment for DST). */
export function localToInstant(local: string, zone: PersonZone): Instant {
  const wall = wallClockMs(local);
  if (wall === null) throw new Error(`not a local date-time: ${local}`);
  if (!zone.timezone || !isValidZone(zone.timezone)) {
    const offset = zone.utcOffsetMs ?? 0;
    return { at: new Date(wall - offset), utcOffsetMin: Math.round(offset / 60_000) };
  }
  const tz = zone.timezone;
  // Offsets a day either side bracket any transition near this wall time.
  const before = zoneOffsetMs(tz, wall - DAY_MS);
  const after = zoneOffsetMs(tz, wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .filter((offset) => zoneOffsetMs(tz, wall - offset) === offset)
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  // One candidate: normal. Two: overlap, take the earlier. None: gap, use the pre-jump offset.
  const utcMs = candidates[0] ?? wall - before;
  return { at: new Date(utcMs), utcOffsetMin: Math.round(zoneOffsetMs(tz, utcMs) / 60_000) };
}

/** `yyyy-MM-dd` of an instant in the person's zone. */
export function localDateOf(utcMs: number, zone: PersonZone): string {
  const offset =
    zone.timezone && isValidZone(zone.timezone)
      ? zoneOffsetMs(zone.timezone, utcMs)
      : (zone.utcOffsetMs ?? 0);
  return new Date(utcMs + offset).toISOString().slice(0, 10);
}

/** A `yyyy-MM-dd` as the Date Prisma stores in a `@db.Date` column (UTC midnight). */
export function dateColumn(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** `yyyy-MM-dd` shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
