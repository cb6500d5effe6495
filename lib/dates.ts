/**
 * Calendar-date helpers shared by server and client. Dates are the person's local calendar days
 * as `yyyy-MM-dd`; arithmetic runs on UTC midnights, so DST never shifts a day.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dates Nightly deals in at all: wearables and their APIs start well after 2000, and years
 * such as 0000 or 0001 are calendar-valid but break date arithmetic, `Intl` and `@db.Date`
 * columns further in. Anything outside is refused at the edge (users and providers alike).
 */
export const EARLIEST_DATE = "2000-01-01";
export const LATEST_DATE = "2099-12-31";

/** True for a real calendar date written `yyyy-MM-dd` (rejects 2026-02-30 and 2026-13-01). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** True for a real calendar date within EARLIEST_DATE..LATEST_DATE. */
export function isIsoDate(value: string): boolean {
  return isCalendarDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

// Pages turn dates to days and back thousands of times per render (gap-filling, rolling
// windows): both directions are remembered. Pure functions, so only the cost changes; the
// strings handed out are then the same objects, whose hash V8 keeps for the next Map lookup.
const MEMO_LIMIT = 50_000;
const msOfDate = new Map<string, number>();
const dateOfDay = new Map<number, string>();

export function dateToMs(date: string): number {
  let ms = msOfDate.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    if (msOfDate.size < MEMO_LIMIT) msOfDate.set(date, ms);
  }
  return ms;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `yyyy-MM-dd` of a UTC millisecond value, by arithmetic (days → civil date, H. Hinnant's
 * algorithm) instead of a Date object: it runs for every day of every range a page draws, and
 * on the server each `new Date` also passes through Next.js's instrumented constructor.
 */
export function msToDate(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  // Outside years 1000–9999 (never a Nightly date) keep toISOString's exact output and errors.
  if (!(days >= -354_285 && days <= 2_932_896)) return new Date(ms).toISOString().slice(0, 10);
  let date = dateOfDay.get(days);
  if (date === undefined) {
    date = civilDate(days);
    if (dateOfDay.size < MEMO_LIMIT) dateOfDay.set(days, date);
  }
  return date;
}

function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function addDays(date: string, days: number): string {
  return msToDate(dateToMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToMs(to) - dateToMs(from)) / DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = dateToMs(from), end = dateToMs(to); ms <= end; ms += DAY_MS) out.push(msToDate(ms));
  return out;
}

// Building an Intl.DateTimeFormat costs far more than using one; every page asks for "today".
const zoneDateFormats = new Map<string, Intl.DateTimeFormat>();

function zoneDateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneDateFormats.get(timeZone);
  if (!format) {
    // Throws for an unknown zone before anything is remembered (the caller falls back to UTC).
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (zoneDateFormats.size < 1000) zoneDateFormats.set(timeZone, format);
  }
  return format;
}

/** The local calendar date in `timeZone` at `now` (UTC when no zone is known). */
export function localToday(timeZone: string | null | undefined, now: Date = new Date()): string {
  try {
    const parts = zoneDateFormat(timeZone ?? "UTC").formatToParts(now);
    const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A `@db.Date` column value ↔ `yyyy-MM-dd`. */
export function toDbDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * One entry per date of the range, in order: `fill(date, row)` gets the row for that date or
 * undefined, so missing nights become explicit nulls (charts then show gaps, never zeros).
 */
export function gapFill<R, T>(
  from: string,
  to: string,
  rows: Iterable<readonly [string, R]>,
  fill: (date: string, row: R | undefined) => T,
): T[] {
  const byDate = new Map(rows);
  return eachDate(from, to).map((date) => fill(date, byDate.get(date)));
}

/**
 * Provider local times (`yyyy-MM-ddTHH:mm:ss.SSS`, no offset) as wall-clock milliseconds: read as
 * if they were UTC, and always formatted back in UTC, so the clock shown is the one Fitbit sent.
 */
export function localTimeToMs(value: string): number {
  const [date = "", time = "00:00:00"] = value.split("T");
  return Date.parse(`${date}T${time.slice(0, 8)}Z`);
}

/** "7h 32m" for minutes. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}
