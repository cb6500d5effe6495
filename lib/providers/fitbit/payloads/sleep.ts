/**
 * Sleep v1.2 payloads (reference §5). Objects are loose: Fitbit adds keys over time and clients
 * must ignore unknown ones; only what we store is required.
 */
import { z } from "zod";

/** `yyyy-MM-dd` */
export const fitbitDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected yyyy-MM-dd");
/** `yyyy-MM-ddTHH:mm:ss` with optional `.SSS`, no offset (local time, §13). */
export const fitbitLocalDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/,
    "expected local yyyy-MM-ddTHH:mm:ss.SSS",
  );

const levelEntry = z.looseObject({
  dateTime: fitbitLocalDateTime,
  level: z.string().min(1),
  seconds: z.number().int().nonnegative(),
});

const levelSummaryEntry = z.looseObject({
  count: z.number().int().nonnegative().optional(),
  minutes: z.number().int().nonnegative(),
  thirtyDayAvgMinutes: z.number().nonnegative().optional(),
});

export const sleepLogSchema = z.looseObject({
  dateOfSleep: fitbitDate,
  duration: z.number().int().nonnegative(),
  efficiency: z.number().int(),
  endTime: fitbitLocalDateTime,
  infoCode: z.number().int(),
  isMainSleep: z.boolean(),
  levels: z.looseObject({
    data: z.array(levelEntry),
    shortData: z.array(levelEntry).optional(),
    summary: z.record(z.string(), levelSummaryEntry),
  }),
  // Fitbit log ids exceed 2^53 in principle; JSON numbers are read as they come, stored as text.
  logId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  logType: z.string().min(1),
  minutesAfterWakeup: z.number().int().nonnegative(),
  minutesAsleep: z.number().int().nonnegative(),
  minutesAwake: z.number().int().nonnegative(),
  minutesToFallAsleep: z.number().int().nonnegative(),
  startTime: fitbitLocalDateTime,
  timeInBed: z.number().int().nonnegative(),
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
