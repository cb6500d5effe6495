/**
 * Dates and numbers for people, in their locale, with one date format everywhere (charts, tables,
 * pickers, notices): "29 Nov 2026" (en-GB), "Nov 29, 2026" (en-US), "29. Nov. 2026" (de-DE); on a
 * crowded axis the same without the year. Pure and deterministic: the server and the browser get
 * the same locale string (resolved on the server) and so write the same text (no hydration
 * mismatch). Machine-readable dates stay ISO (`<time dateTime>`, CSV).
 */
import { dateToMs } from "@/lib/dates";
import { DEFAULT_LOCALE } from "./resolve";

export type Bucket = "day" | "week" | "month";

export interface Formatter {
  locale: string;
  /** "29 Nov 2026" for a `yyyy-MM-dd` calendar date. */
  date: (date: string) => string;
  /** "29 Nov" — an axis tick, where the year is read from the range. */
  dayMonth: (date: string) => string;
  /** "November 2026". */
  month: (date: string) => string;
  /** "Nov 26" — a monthly axis tick. */
  monthTick: (date: string) => string;
  /** "29 Nov 2026 – 5 Dec 2026". */
  range: (from: string, to: string) => string;
  /** The period a week/month bucket starting on `start` covers: "Week of 24 Nov 2026", "November 2026". */
  bucket: (start: string, bucket: Bucket) => string;
  /** A number with exactly `digits` decimals and the locale's separators ("1,234.5" / "1.234,5"); "—" when missing. */
  number: (value: number | null | undefined, digits?: number) => string;
  /** At most `digits` decimals (an axis tick or a value that needs no trailing zeros). */
  upTo: (value: number, digits?: number) => string;
  /** An axis tick with the decimals it needs and no more (7 / 7.25 / 7.5 h; 0 / 1,000 kcal). */
  axis: (value: number) => string;
  /** A moment (sync times, token expiry) as "29 Nov 2026, 14:05" / "Nov 29, 2026, 2:05 PM" in the person's time zone (UTC when unknown). */
  dateTime: (value: Date | string | null | undefined, timeZone?: string | null) => string;
  /** The same with the zone said ("29 Nov 2026, 14:05 UTC"), `seconds` for the audit log; "—" when missing. */
  moment: (value: Date | string | null | undefined, timeZone?: string | null, options?: { seconds?: boolean }) => string;
  /** A provider wall-clock time (lib/dates `localTimeToMs`) the locale's way: "22:45" / "10:45 PM"; `seconds` adds ":07". */
  clock: (wallMs: number, seconds?: boolean) => string;
  /** A short clock-axis tick: "10 PM" (12-hour locales) or "22:00"; off the hour, the full clock. */
  clockTick: (wallMs: number) => string;
  /** "3 hours ago", "in 5 minutes", "vor 3 Stunden" relative to `now` (ms); "never" when missing. */
  relative: (value: Date | string | null | undefined, now: number) => string;
}

const UTC = "UTC";
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const cache = new Map<string, Formatter>();

/** The formatter for a locale (cached per locale: building Intl formats is the slow part). */
export function formatterFor(locale: string = DEFAULT_LOCALE): Formatter {
  let formatter = cache.get(locale);
  if (!formatter) {
    formatter = build(locale);
    cache.set(locale, formatter);
  }
  return formatter;
}

function build(locale: string): Formatter {
  const calendar = (options: Intl.DateTimeFormatOptions) => {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: UTC });
    return (date: string) => format.format(new Date(dateToMs(date)));
  };
  const date = calendar({ day: "numeric", month: "short", year: "numeric" });
  const month = calendar({ month: "long", year: "numeric" });
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (min: number, max: number) => {
    const key = `${min}:${max}`;
    let format = numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
      numbers.set(key, format);
    }
    return format;
  };
  // The locale's own clock: 12-hour ("10:45 PM") or 24-hour with two-digit hours ("09:05", as
  // en-GB and de-DE write it). Wall-clock times are read as UTC (lib/dates), so UTC formats them.
  const twelveHour = /^h1[12]$/.test(new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hourCycle ?? "");
  const hour = twelveHour ? "numeric" : "2-digit";
  const clock = new Intl.DateTimeFormat(locale, { hour, minute: "2-digit", timeZone: UTC });
  const clockSeconds = new Intl.DateTimeFormat(locale, { hour, minute: "2-digit", second: "2-digit", timeZone: UTC });
  const hourTick = twelveHour ? new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: UTC }) : clock;
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  // One date format with the time: the date as `date` writes it, then the locale's clock.
  const moments = new Map<string, Intl.DateTimeFormat>();
  const momentFormat = (zone: string, kind: "" | "zone" | "zone+seconds") => {
    const key = `${zone}|${kind}`;
    let format = moments.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour,
        minute: "2-digit",
        ...(kind === "zone+seconds" ? { second: "2-digit" } : {}),
        ...(kind === "" ? {} : { timeZoneName: "short" }),
        timeZone: zone,
      });
      moments.set(key, format);
    }
    return format;
  };
  const moment = (value: Date | string | null | undefined, timeZone: string | null | undefined, kind: "" | "zone" | "zone+seconds") => {
    if (!value) return "—";
    let format: Intl.DateTimeFormat;
    try {
      format = momentFormat(timeZone ?? UTC, kind);
    } catch {
      format = momentFormat(UTC, kind); // an unknown zone (RangeError): say UTC rather than fail the page
    }
    return format.format(toDate(value));
  };
  return {
    locale,
    date,
    dayMonth: calendar({ day: "numeric", month: "short" }),
    month,
    monthTick: calendar({ month: "short", year: "2-digit" }),
    range: (from, to) => `${date(from)} – ${date(to)}`,
    bucket: (start, bucket) => (bucket === "month" ? month(start) : bucket === "week" ? `Week of ${date(start)}` : date(start)),
    number: (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? "—" : numberFormat(digits, digits).format(value)),
    upTo: (value, digits = 1) => numberFormat(0, digits).format(value),
    axis: (value) => numberFormat(0, 2).format(value),
    dateTime: (value, timeZone) => moment(value, timeZone, ""),
    moment: (value, timeZone, options) => moment(value, timeZone, options?.seconds ? "zone+seconds" : "zone"),
    clock: (wallMs, seconds = false) => (seconds ? clockSeconds : clock).format(wallMs),
    clockTick: (wallMs) => (wallMs % HOUR_MS === 0 ? hourTick : clock).format(wallMs),
    relative: (value, now) => {
      if (!value) return "never";
      const minutes = Math.round((toDate(value).getTime() - now) / MINUTE_MS);
      if (minutes === 0) return relative.format(0, "second"); // "now", not "this minute"
      if (Math.abs(minutes) < 60) return relative.format(minutes, "minute");
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return relative.format(hours, "hour");
      return relative.format(Math.round(hours / 24), "day");
    },
  };
}

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);
