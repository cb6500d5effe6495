/** HRV and breathing-rate payloads → rows. Both are dated by the wake date of the main sleep. */
import type {
  FitbitBrIntraday,
  FitbitBrSummary,
  FitbitHrvIntraday,
  FitbitHrvSummary,
} from "@/lib/providers/fitbit/payloads/physiology";
import { dateColumn } from "@/lib/providers/local-time";
import type { HrvDailyRow, HrvReading, HrvIntradayRow, BreathingRateRow } from "@/lib/providers/model";

/** Days without HRV are simply absent from a range (§6): no row, not a zero. */
export function normalizeHrvSummary(payload: FitbitHrvSummary): HrvDailyRow[] {
  return payload.hrv.map((item) => ({
    date: dateColumn(item.dateTime),
    dailyRmssd: item.value.dailyRmssd,
    deepRmssd: item.value.deepRmssd ?? null,
  }));
}

export function normalizeHrvIntraday(payload: FitbitHrvIntraday): HrvIntradayRow[] {
  return payload.hrv
    .filter((day) => day.minutes.length > 0)
    .map((day) => ({
      date: dateColumn(day.dateTime),
      readings: day.minutes.map((m) => ({
        minute: m.minute,
        rmssd: m.value.rmssd,
        coverage: m.value.coverage,
        hf: m.value.hf,
        lf: m.value.lf,
      })),
    }));
}

/** Fitbit's "no value" is -1 (and anything else below zero is no breathing rate either). */
function rate(value: { breathingRate: number } | undefined): number | null {
  if (!value || !Number.isFinite(value.breathingRate) || value.breathingRate < 0) return null;
  return value.breathingRate;
}

export function normalizeBrIntraday(payload: FitbitBrIntraday): BreathingRateRow[] {
  return payload.br.map((item) => ({
    date: dateColumn(item.dateTime),
    fullSleep: rate(item.value.fullSleepSummary),
    deepSleep: rate(item.value.deepSleepSummary),
    lightSleep: rate(item.value.lightSleepSummary),
    remSleep: rate(item.value.remSleepSummary),
  }));
}

/** Summary form: only the full-sleep rate (used when intraday access is not granted). */
export function normalizeBrSummary(payload: FitbitBrSummary): BreathingRateRow[] {
  return payload.br.map((item) => ({
    date: dateColumn(item.dateTime),
    fullSleep: rate(item.value),
    deepSleep: null,
    lightSleep: null,
    remSleep: null,
  }));
}

export type { HrvDailyRow, HrvReading, HrvIntradayRow, BreathingRateRow };
