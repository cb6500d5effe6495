import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { z } from "zod";
import type { SleepLogDetail, SleepNightDetail, SleepSegment } from "@/lib/api-schemas/sleep";
import { toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";

const LEVELS = ["deep", "light", "rem", "wake", "asleep", "restless", "awake"] as const;

const segmentSchema = z.object({
  dateTime: z.string(),
  level: z.string(),
  seconds: z.number(),
});
const levelsSchema = z.object({
  data: z.array(segmentSchema).default([]),
  shortData: z.array(segmentSchema).default([]),
});

/** Stored `levels` JSON as typed segments; unknown levels are dropped rather than guessed. */
export function parseLevels(levels: unknown): { segments: SleepSegment[]; shortWakes: SleepSegment[] } {
  const parsed = levelsSchema.safeParse(levels);
  if (!parsed.success) return { segments: [], shortWakes: [] };
  const convert = (items: z.infer<typeof segmentSchema>[]): SleepSegment[] =>
    items.flatMap((item) => {
      const level = LEVELS.find((name) => name === item.level);
      return level ? [{ start: item.dateTime, level, seconds: item.seconds }] : [];
    });
  // Kept in the order sent: segments tile the sleep in time order, and sorting the local-time
  // strings would scramble a night across the autumn DST change (the 01:00 hour repeats).
  return { segments: convert(parsed.data.data), shortWakes: convert(parsed.data.shortData) };
}

/** Every sleep log of one night (wake date) with its levels, main sleep first. */
export async function getSleepNightDetail(subject: AuthorizedSubject, date: string): Promise<SleepNightDetail> {
  const { userId } = scopeRead(subject, "sleep", { from: date, to: date });
  const logs = onePerKey(
    await db.sleepLog.findMany({
      where: { userId, dateOfSleep: toDbDate(date) },
      orderBy: [{ isMainSleep: "desc" }, { startAt: "asc" }],
    }),
    () => date,
  );
  return {
    date,
    logs: logs.map((log): SleepLogDetail => {
      const { segments, shortWakes } = parseLevels(log.levels);
      return {
        id: log.id,
        isMainSleep: log.isMainSleep,
        type: log.type === "STAGES" ? "stages" : "classic",
        startLocal: log.startLocal,
        endLocal: log.endLocal,
        minutesAsleep: log.minutesAsleep,
        minutesAwake: log.minutesAwake,
        timeInBed: log.timeInBed,
        efficiency: log.timeInBed > 0 ? Math.round((log.minutesAsleep / log.timeInBed) * 100) : log.efficiency,
        deep: log.deepMinutes,
        light: log.lightMinutes,
        rem: log.remMinutes,
        wake: log.wakeMinutes,
        asleep: log.asleepMinutes,
        restless: log.restlessMinutes,
        awake: log.awakeMinutes,
        segments,
        shortWakes: log.type === "STAGES" ? shortWakes : [],
      };
    }),
  };
}
