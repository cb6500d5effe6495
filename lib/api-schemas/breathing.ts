/** GET /api/me/breathing?range. */
import { rangeQuerySchema } from "./range";

export const breathingQuerySchema = rangeQuerySchema;

/** Breaths per minute of the main sleep ending on `date`; null = no value. */
export interface BreathingRow {
  date: string;
  full: number | null;
  deep: number | null;
  light: number | null;
  rem: number | null;
}

export interface BreathingResult {
  from: string;
  to: string;
  days: BreathingRow[];
  dayCount: number;
  latestNight: string | null;
}
