/**
 * JSON shapes the emulator serves, structurally exact to the reference (§5, §6, §7, §9, §10.2).
 * Key order follows the docs examples (alphabetical for sleep logs) although clients don't care.
 */

export type StageLevel = "deep" | "light" | "rem" | "wake";
export type ClassicLevel = "asleep" | "restless" | "awake";

export interface LevelEntry<L extends string> {
  /** Local wall-clock start, `yyyy-MM-ddTHH:mm:ss.000`. */
  dateTime: string;
  level: L;
  seconds: number;
}

export interface StageSummaryEntry {
  count: number;
  minutes: number;
  thirtyDayAvgMinutes: number;
}
export interface ClassicSummaryEntry {
  count: number;
  minutes: number;
}

interface SleepLogBase {
  dateOfSleep: string;
  duration: number;
  efficiency: number;
  endTime: string;
  infoCode: 0 | 1 | 2 | 3;
  isMainSleep: boolean;
  logId: number;
  logType: "auto_detected" | "manual";
  minutesAfterWakeup: number;
  minutesAsleep: number;
  minutesAwake: number;
  minutesToFallAsleep: number;
  startTime: string;
  timeInBed: number;
}

export interface StagesSleepLog extends SleepLogBase {
  levels: {
    data: LevelEntry<StageLevel>[];
    shortData: LevelEntry<"wake">[];
    summary: Record<StageLevel, StageSummaryEntry>;
  };
  type: "stages";
}

export interface ClassicSleepLog extends SleepLogBase {
  levels: {
    data: LevelEntry<ClassicLevel>[];
    summary: Record<ClassicLevel, ClassicSummaryEntry>;
  };
  type: "classic";
}

export type SleepLog = StagesSleepLog | ClassicSleepLog;

export interface SleepDaySummary {
  stages?: Record<StageLevel, number>;
  totalMinutesAsleep: number;
  totalSleepRecords: number;
  totalTimeInBed: number;
}

export interface HrvSummary {
  value: { dailyRmssd: number; deepRmssd: number };
  dateTime: string;
}

export interface HrvMinute {
  minute: string;
  value: { rmssd: number; coverage: number; hf: number; lf: number };
}

export interface HrvIntraday {
  minutes: HrvMinute[];
  dateTime: string;
}

export interface BrSummary {
  value: { breathingRate: number };
  dateTime: string;
}

export interface BrIntraday {
  value: {
    deepSleepSummary: { breathingRate: number };
    remSleepSummary: { breathingRate: number };
    fullSleepSummary: { breathingRate: number };
    lightSleepSummary: { breathingRate: number };
  };
  dateTime: string;
}

export interface FoodUnit {
  id: number;
  name: string;
  plural: string;
}

export interface NutritionalValues {
  calories: number;
  carbs: number;
  fat: number;
  fiber: number;
  protein: number;
  sodium: number;
}

export interface FoodLogEntry {
  isFavorite: boolean;
  logDate: string;
  logId: number;
  loggedFood: {
    accessLevel: "PUBLIC" | "PRIVATE" | "SHARED";
    amount: number;
    brand: string;
    calories: number;
    foodId: number;
    locale: string;
    mealTypeId: 1 | 2 | 3 | 4 | 5 | 6 | 7;
    name: string;
    unit: FoodUnit;
    units: number[];
  };
  nutritionalValues: NutritionalValues;
}

export interface FoodDayResponse {
  foods: FoodLogEntry[];
  goals: { calories: number };
  summary: NutritionalValues & { water: number };
}

export interface WaterDayResponse {
  summary: { water: number };
  water: { amount: number; logId: number }[];
}

export interface Device {
  battery: "High" | "Medium" | "Low" | "Empty";
  batteryLevel: number;
  deviceVersion: string;
  features?: string[];
  id: string;
  lastSyncTime: string;
  mac: string;
  type: "TRACKER" | "SCALE";
}
