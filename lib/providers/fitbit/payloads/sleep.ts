/**
 * Sleep v1.2 payloads (reference §5). Objects are loose: Fitbit adds keys over time and clients
 * must ignore unknown ones; only what we store is required.
 */
import { z } from "zod";
import { int32, nonNegativeInt32, providerDate, providerLocalDateTime } from "@/lib/providers/payload-primitives";

/** `yyyy-MM-dd`, a real calendar date. */
export const fitbitDate = providerDate;
/** `yyyy-MM-ddTHH:mm:ss` with optional `.SSS`, no offset (local time, §13). */
export const fitbitLocalDateTime = providerLocalDateTime;

const levelEntry = z.looseObject({
  dateTime: fitbitLocalDateTime,
  level: z.string().min(1),
  seconds: nonNegativeInt32,
});

const levelSummaryEntry = z.looseObject({
  count: nonNegativeInt32.optional(),
  minutes: nonNegativeInt32,
  thirtyDayAvgMinutes: z.number().nonnegative().optional(),
});

export const sleepLogSchema = z.looseObject({
  dateOfSleep: fitbitDate,
  duration: nonNegativeInt32,
  efficiency: int32,
  endTime: fitbitLocalDateTime,
  infoCode: int32,
  isMainSleep: z.boolean(),
  levels: z.looseObject({
    data: z.array(levelEntry),
    shortData: z.array(levelEntry).optional(),
    summary: z.record(z.string(), levelSummaryEntry),
  }),
  // Fitbit log ids exceed 2^53 in principle; JSON numbers are read as they come, stored as text.
  logId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  logType: z.string().min(1),
  minutesAfterWakeup: nonNegativeInt32,
  minutesAsleep: nonNegativeInt32,
  minutesAwake: nonNegativeInt32,
  minutesToFallAsleep: nonNegativeInt32,
  startTime: fitbitLocalDateTime,
  timeInBed: nonNegativeInt32,
  type: z.enum(["stages", "classic"]),
});
export type FitbitSleepLog = z.infer<typeof sleepLogSchema>;

/**
 * By-date and range responses. `sleep` is absent while Fitbit is still processing a night
 * (`{"meta":{"state":"pending"}}`, §5.6); `meta` can also come alongside finished logs.
 */
export const sleepResponseSchema = z.looseObject({
  sleep: z.array(sleepLogSchema).optional(),
  meta: z
    .looseObject({ state: z.string().optional(), retryDuration: z.number().optional() })
    .optional(),
  summary: z.looseObject({}).optional(),
});
export type FitbitSleepResponse = z.infer<typeof sleepResponseSchema>;
