import type { Formatter } from "@/lib/locale/format";

/**
 * A moment for people, zone said ("1 Dec 2026, 14:05 UTC" / "Dec 1, 2026, 2:05 PM EST"), in the
 * viewer's time zone when Nightly knows it, machine-readable in `dateTime` (ISO, UTC). No hooks:
 * server components pass `requestFormatter()`, client components `useFormat()`.
 */
export function Moment({
  value,
  f,
  timeZone,
  seconds = false,
}: {
  value: Date;
  f: Formatter;
  timeZone: string | null | undefined;
  seconds?: boolean;
}) {
  return <time dateTime={value.toISOString()}>{f.moment(value, timeZone, { seconds })}</time>;
}
