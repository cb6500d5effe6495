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
  /** A moment (sync times, token expiry) as "29 Nov 2026, 14:05" in the person's time zone. */
  dateTime: (value: Date | string | null | undefined, timeZone?: string | null) => string;
}

const UTC = "UTC";
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
  const dateTimes = new Map<string, Intl.DateTimeFormat>();
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
    dateTime: (value, timeZone) => {
      if (!value) return "—";
      const moment = typeof value === "string" ? new Date(value) : value;
      const zone = timeZone ?? UTC;
      let format = dateTimes.get(zone);
      if (!format) {
        try {
          format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
        } catch {
          format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: UTC });
        }
        dateTimes.set(zone, format);
      }
      return format.format(moment);
    },
  };
}
