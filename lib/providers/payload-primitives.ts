/**
 * Building blocks for provider payload schemas (any provider). A payload that passes these can
 * be written: dates are real calendar dates in the range Nightly deals in (a `2026-13-01` or a
 * year 0001 would throw from the database or from date arithmetic), and integers fit the `Int`
 * columns they end up in. A payload that does not pass is a rejected chunk, never a crash.
 */
import { z } from "zod";
import { EARLIEST_DATE, isIsoDate, LATEST_DATE } from "@/lib/dates";

/** PostgreSQL `integer` (Prisma `Int`). */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** `yyyy-MM-dd`, a real calendar date between EARLIEST_DATE and LATEST_DATE. */
export const providerDate = z
  .string()
  .refine(isIsoDate, { message: `expected a calendar date yyyy-MM-dd between ${EARLIEST_DATE} and ${LATEST_DATE}` });

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;

/** `yyyy-MM-ddTHH:mm:ss` with optional `.SSS`, no offset (a local wall-clock time). */
export const providerLocalDateTime = z.string().refine(
  (value) => {
    const match = LOCAL_DATE_TIME.exec(value);
    if (!match) return false;
    const [, date = "", hours, minutes, seconds] = match;
    return isIsoDate(date) && Number(hours) <= 23 && Number(minutes) <= 59 && Number(seconds) <= 59;
  },
  { message: "expected a real local time yyyy-MM-ddTHH:mm:ss.SSS" },
);

/** An integer that fits an `Int` column. */
export const int32 = z.number().int().min(INT32_MIN).max(INT32_MAX);
/** A non-negative integer that fits an `Int` column. */
export const nonNegativeInt32 = z.number().int().min(0).max(INT32_MAX);
