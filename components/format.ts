/** Formatting shared by server and client components. */
import { formatterFor } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";

/** A moment in the person's locale and time zone (see lib/locale/format.ts). */
export function formatDateTime(value: Date | string | null | undefined, timeZone?: string | null, locale: string = DEFAULT_LOCALE): string {
  return formatterFor(locale).dateTime(value, timeZone);
}

export function formatRelative(value: Date | null | undefined, now = Date.now()): string {
  if (!value) return "never";
  const minutes = Math.round((value.getTime() - now) / 60_000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, "hour");
  return format.format(Math.round(hours / 24), "day");
}
