/**
 * Nightly's normalized health model: the rows every provider's normalizers produce and the
 * sync engine's writers store. Provider-neutral; dates are the person's local calendar dates.
 */

export type LevelEntry = { dateTime: string; level: string; seconds: number };

export interface SleepLogRow {
  providerLogId: string;
  dateOfSleep: Date;
  startLocal: string;
  endLocal: string;
  startAt: Date;
  endAt: Date;
  startUtcOffsetMin: number;
  endUtcOffsetMin: number;
  durationMs: number;
  isMainSleep: boolean;
  type: "STAGES" | "CLASSIC";
  logType: string;
  infoCode: number;
  efficiency: number;
  minutesAsleep: number;
  minutesAwake: number;
  minutesToFallAsleep: number;
  minutesAfterWakeup: number;
  timeInBed: number;
  deepMinutes: number | null;
  lightMinutes: number | null;
  remMinutes: number | null;
  wakeMinutes: number | null;
  asleepMinutes: number | null;
  restlessMinutes: number | null;
  awakeMinutes: number | null;
  thirtyDayAvgMinutes: { deep: number; light: number; rem: number; wake: number } | null;
  levels: { data: LevelEntry[]; shortData: LevelEntry[] };
}

export interface HrvDailyRow {
  date: Date;
  dailyRmssd: number;
  deepRmssd: number | null;
}

export interface HrvReading {
  /** Local time as sent. */
  minute: string;
  rmssd: number;
  /** Fitbit only; null where a provider does not report it (Google). */
  coverage: number | null;
  hf: number | null;
  lf: number | null;
}

export interface HrvIntradayRow {
  date: Date;
  readings: HrvReading[];
}

export interface BreathingRateRow {
  date: Date;
  fullSleep: number | null;
  deepSleep: number | null;
  lightSleep: number | null;
  remSleep: number | null;
}

export interface NutritionSeriesRow {
  date: Date;
  day: string;
  caloriesIn: number;
  waterMl: number;
}

export interface FoodDayTotals {
  carbsG: number | null;
  fatG: number | null;
  fiberG: number | null;
  proteinG: number | null;
  sodiumMg: number | null;
  calorieGoal: number | null;
}

export interface FoodEntryRow {
  providerLogId: string;
  date: Date;
  mealTypeId: number;
  name: string;
  brand: string;
  amount: number;
  unitName: string;
  calories: number;
  carbsG: number | null;
  fatG: number | null;
  fiberG: number | null;
  proteinG: number | null;
  sodiumMg: number | null;
}

export interface DeviceRow {
  providerDeviceId: string;
  deviceVersion: string;
  type: string;
  battery: string;
  batteryLevel: number | null;
  lastSyncLocal: string;
  lastSyncAt: Date;
}
