/**
 * What the range picker does with a custom range the person asked for, in words: a range wholly
 * in the future or wholly before their history is refused; one that runs past today or starts
 * before their history is clamped, and says so. Pure (unit tested).
 */
import type { DateRange } from "@/lib/api-schemas/range-rules";
import { formatterFor } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";

export type ClampOutcome = { ok: true; range: DateRange; note: string | null } | { ok: false; error: string };

export function clampRange(chosen: DateRange, today: string, historyStart: string | null, locale: string = DEFAULT_LOCALE): ClampOutcome {
  const day = formatterFor(locale).date;
  if (chosen.from > today) {
    return { ok: false, error: `Those dates are all in the future. Choose a start date on or before today (${day(today)}).` };
  }
  if (historyStart && chosen.to < historyStart) {
    return { ok: false, error: `Those dates are all before your history starts (${day(historyStart)}). Choose an end date on or after it.` };
  }
  const notes: string[] = [];
  let { from, to } = chosen;
  if (historyStart && from < historyStart) {
    from = historyStart;
    notes.push(`Your history starts on ${day(historyStart)}, so the range starts there.`);
  }
  if (to > today) {
    to = today;
    notes.push(`There is no data after today, so the range ends on ${day(today)}.`);
  }
  return { ok: true, range: { ...chosen, from, to }, note: notes.length ? notes.join(" ") : null };
}
