/** Formatting shared by server components (client components use useFormat / RelativeTime). */
import { formatterFor } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";

/** A moment in the person's locale and time zone (see lib/locale/format.ts). */
export function formatDateTime(value: Date | string | null | undefined, timeZone?: string | null, locale: string = DEFAULT_LOCALE): string {
  return formatterFor(locale).dateTime(value, timeZone);
}

/** "3 hours ago" / "vor 3 Stunden", rendered once on the server ("never" when missing). */
export function formatRelative(value: Date | null | undefined, locale: string = DEFAULT_LOCALE, now = Date.now()): string {
  return formatterFor(locale).relative(value, now);
}
