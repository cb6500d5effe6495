import "server-only";
import type { DateRange } from "@/lib/api-schemas/range";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { fromDbDate, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";

/** One sleep (main sleep or nap) as recorded, with the local clock times and their UTC offsets. */
export interface SleepEpisode {
  id: string;
  provider: string;
  /** The night it belongs to: its wake date. */
  date: string;
  startLocal: string;
  endLocal: string;
  startUtcOffsetMin: number;
  endUtcOffsetMin: number;
  isMainSleep: boolean;
  minutesAsleep: number;
  minutesAwake: number;
  minutesToFallAsleep: number;
  minutesAfterWakeup: number;
  timeInBed: number;
}

/** Every sleep episode ending in the range (one provider per night, as the dashboard shows). */
export async function getSleepEpisodes(subject: AuthorizedSubject, requested: Pick<DateRange, "from" | "to">): Promise<SleepEpisode[]> {
  const range = scopeRead(subject, "sleep", requested);
  const rows = await db.sleepLog.findMany({
    where: { userId: range.userId, dateOfSleep: { gte: toDbDate(range.from), lte: toDbDate(range.to) } },
    orderBy: [{ dateOfSleep: "asc" }, { startAt: "asc" }],
    select: {
      id: true,
      provider: true,
      dateOfSleep: true,
      startLocal: true,
      endLocal: true,
      startUtcOffsetMin: true,
      endUtcOffsetMin: true,
      isMainSleep: true,
      minutesAsleep: true,
      minutesAwake: true,
      minutesToFallAsleep: true,
      minutesAfterWakeup: true,
      timeInBed: true,
    },
  });
  return onePerKey(rows, (row) => fromDbDate(row.dateOfSleep)).map(({ dateOfSleep, ...row }) => ({ ...row, date: fromDbDate(dateOfSleep) }));
}
