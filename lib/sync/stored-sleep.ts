import "server-only";
import { db } from "@/lib/db/client";
import { dateColumn } from "@/lib/providers/local-time";
import type { DayRange } from "@/lib/providers/types";

/** A provider's stored sleep sessions of the nights in `range` (for FetchContext.sleepSessions). */
export function storedSleepSessions(userId: string, provider: string) {
  return async (range: DayRange) => {
    const logs = await db.sleepLog.findMany({
      where: { userId, provider, dateOfSleep: { gte: dateColumn(range.start), lte: dateColumn(range.end) } },
      select: { dateOfSleep: true, startAt: true, endAt: true },
    });
    return logs.map((log) => ({
      day: log.dateOfSleep.toISOString().slice(0, 10),
      startMs: log.startAt.getTime(),
      endMs: log.endAt.getTime(),
    }));
  };
}
