import "server-only";
import { scopeRead, type AuthorizedSubject } from "@/lib/authz/subject";
import { z } from "zod";
import type { HrvNightResult, HrvReading } from "@/lib/api-schemas/hrv";
import { localTimeToMs, toDbDate } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { onePerKey } from "@/lib/providers/precedence";
import { round } from "@/lib/units";

const WINDOW_MS = 5 * 60_000;

const readingSchema = z.object({
  minute: z.string(),
  rmssd: z.number().nullish(),
  coverage: z.number().nullish(),
  hf: z.number().nullish(),
  lf: z.number().nullish(),
});

/** Stored readings in time order, with a null reading wherever a 5-minute window is missing. */
export function readingsWithGaps(raw: unknown): HrvReading[] {
  const parsed = z.array(z.unknown()).safeParse(raw);
  if (!parsed.success) return [];
  const readings = parsed.data
    .flatMap((item) => {
      const reading = readingSchema.safeParse(item);
      return reading.success ? [reading.data] : [];
    });
  // Kept in the provider's order, which is chronological: sorting by local clock time would
  // scramble a fall-back night, whose 01:xx readings repeat.
  const out: HrvReading[] = [];
  let previous: number | null = null;
  for (const reading of readings) {
    const at = localTimeToMs(reading.minute);
    if (previous !== null && at - previous > WINDOW_MS) {
      const gapAt = new Date(previous + WINDOW_MS).toISOString().slice(0, 23);
      out.push({ minute: gapAt, rmssd: null, coverage: null, hf: null, lf: null });
    }
    out.push({
      minute: reading.minute,
      rmssd: round(reading.rmssd),
      coverage: round(reading.coverage, 3),
      hf: round(reading.hf),
      lf: round(reading.lf),
    });
    previous = at;
  }
  return out;
}

/** One night's stored 5-minute HRV readings (empty when none were synced), and whether an
 * on-demand fetch could bring them: the night has an HRV summary but no readings yet. */
export async function getHrvNight(subject: AuthorizedSubject, date: string): Promise<HrvNightResult> {
  const { userId } = scopeRead(subject, "hrv", { from: date, to: date });
  const [all, summary] = await Promise.all([
    db.hrvIntraday.findMany({ where: { userId, date: toDbDate(date) }, select: { provider: true, readings: true } }),
    db.hrvDaily.findFirst({ where: { userId, date: toDbDate(date) }, select: { date: true } }),
  ]);
  const rows = onePerKey(all, () => date);
  return { date, readings: rows.flatMap((row) => readingsWithGaps(row.readings)), fetchable: rows.length === 0 && summary !== null };
}
