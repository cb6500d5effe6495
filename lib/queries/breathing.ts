import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import type { BreathingResult, BreathingRow } from "@/lib/api-schemas/breathing";
import type { DateRange } from "@/lib/api-schemas/range";
import { fromDbDate, gapFill, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { round } from "@/lib/units";

/** Nightly breathing rate (full sleep and by stage), one row per date; null = no value. */
export async function getBreathing(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<BreathingResult> {
  const range = scopeRead(subject, "breathing", requested);
  const userId = range.userId;
  const rows = onePerKey(
    await db.breathingRateDaily.findMany({
      where: { userId, date: { gte: toDbDate(range.from), lte: toDbDate(range.to) } },
      orderBy: { date: "asc" },
    }),
    (row) => fromDbDate(row.date),
  );
  const byDate = rows.map((row) => [fromDbDate(row.date), row] as const);
  const days = gapFill(range.from, range.to, byDate, (date, row): BreathingRow => ({
    date,
    full: round(row?.fullSleep),
    deep: round(row?.deepSleep),
    light: round(row?.lightSleep),
    rem: round(row?.remSleep),
  }));
  const withData = days.filter((day) => day.full !== null || day.deep !== null || day.light !== null || day.rem !== null);
  return { from: range.from, to: range.to, days, dayCount: withData.length, latestNight: withData.at(-1)?.date ?? null };
}
