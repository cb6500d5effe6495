import "server-only";
import { lookBackFrom, scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import type { HrvResult, HrvRow } from "@/lib/api-schemas/hrv";
import type { DateRange } from "@/lib/api-schemas/range";
import { addDays, fromDbDate, gapFill, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { round } from "@/lib/units";
import { baselineBand } from "./rolling";

export const BASELINE_DAYS = 30;
export const BASELINE_MIN_NIGHTS = 7;

/** Daily and deep-sleep RMSSD per night with a personal baseline band from the prior 30 days. */
export async function getHrv(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<HrvResult> {
  const range = scopeRead(subject, "hrv", requested);
  const userId = range.userId;
  const stored = await db.hrvDaily.findMany({
    where: { userId, date: { gte: toDbDate(lookBackFrom(range, addDays(range.from, -BASELINE_DAYS))), lte: toDbDate(range.to) } },
    orderBy: { date: "asc" },
    select: { provider: true, date: true, dailyRmssd: true, deepRmssd: true },
  });
  const rows = onePerKey(stored, (row) => fromDbDate(row.date));
  const byDate = new Map(rows.map((row) => [fromDbDate(row.date), row] as const));
  const daily = new Map(rows.map((row) => [fromDbDate(row.date), row.dailyRmssd] as const));
  const days = gapFill(range.from, range.to, byDate, (date, row): HrvRow => {
    const band = baselineBand(daily, date, BASELINE_DAYS, BASELINE_MIN_NIGHTS);
    return {
      date,
      dailyRmssd: round(row?.dailyRmssd),
      deepRmssd: round(row?.deepRmssd),
      baselineMean: round(band?.mean),
      baselineLow: round(band?.low),
      baselineHigh: round(band?.high),
    };
  });
  const withData = days.filter((day) => day.dailyRmssd !== null);
  return { from: range.from, to: range.to, days, dayCount: withData.length, latestNight: withData.at(-1)?.date ?? null };
}
