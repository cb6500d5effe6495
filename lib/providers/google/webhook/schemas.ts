/**
 * What Google Health sends to the webhook endpoint (reference §5): the verification handshake
 * `{"type":"verification"}` (some receivers saw it as a one-element JSON array) and
 * notifications `{data: {healthUserId, operation, dataType, intervals[]}}` that name what
 * changed but carry no values. Unknown fields are ignored; impossible values are refused.
 */
import { z } from "zod";

export const verificationSchema = z.union([
  z.object({ type: z.literal("verification") }),
  z.tuple([z.object({ type: z.literal("verification") })]),
]);

const instant = z.iso.datetime({ offset: true });
/** `yyyy-MM-ddTHH:mm:ss[.fff]` local civil time; the date must exist on the calendar. */
const civil = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/, "must be yyyy-MM-ddTHH:mm:ss")
  .refine((value) => {
    const day = value.slice(0, 10);
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, "is not a calendar date");

const ordered = <T extends { startTime: string; endTime: string }>(i: T, instants: boolean) =>
  instants ? Date.parse(i.startTime) <= Date.parse(i.endTime) : i.startTime <= i.endTime;

const intervalSchema = z
  .object({
    physicalTimeInterval: z
      .object({ startTime: instant, endTime: instant })
      .refine((i) => ordered(i, true), "startTime is after endTime")
      .optional(),
    civilIso8601TimeInterval: z
      .object({ startTime: civil, endTime: civil })
      .refine((i) => ordered(i, false), "startTime is after endTime")
      .optional(),
    civilDateTimeInterval: z.unknown().optional(),
  })
  .refine((i) => i.physicalTimeInterval || i.civilIso8601TimeInterval, "an interval needs physicalTimeInterval or civilIso8601TimeInterval");

export const notificationSchema = z.object({
  data: z.object({
    version: z.string().max(16).optional(),
    clientProvidedSubscriptionName: z.string().max(256).optional(),
    /** 1–63 characters `[A-Za-z0-9-]` (reference §2.5). */
    healthUserId: z.string().regex(/^[A-Za-z0-9-]{1,63}$/, "must be 1-63 letters, digits or '-'"),
    operation: z.enum(["UPSERT", "DELETE"]),
    /** kebab-case as in paths; RADAR-base saw fully qualified `users/{id}/dataTypes/{type}`. */
    dataType: z
      .string()
      .max(200)
      .transform((value) => value.replace(/^users\/[^/]+\/dataTypes\//, ""))
      .pipe(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "must be a kebab-case data type")),
    intervals: z.array(intervalSchema).min(1).max(500),
  }),
});
export type GoogleNotification = z.infer<typeof notificationSchema>["data"];
