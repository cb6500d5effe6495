/** What the cohort charts draw: shared by the query (server) and the chart components (client). */

/** 25th, 50th and 75th percentile across the participants with a value that night. */
export interface Band {
  p25: number;
  median: number;
  p75: number;
}

export interface CohortNight {
  date: string;
  /** Participants with a main sleep that night. */
  sleepN: number;
  totalSleep: Band | null;
  deep: Band | null;
  light: Band | null;
  rem: Band | null;
  wake: Band | null;
  hrvN: number;
  hrv: Band | null;
  breathingN: number;
  breathing: Band | null;
}

export interface ScatterPoint {
  /** Calories logged at dinner and as an evening snack the day before the night. */
  eveningCalories: number;
  deepMinutes: number;
}

export interface CohortScatter {
  points: ScatterPoint[];
  /** Participant-nights with both values (points may be a sample of them). */
  total: number;
  /** Least-squares line deep = intercept + slope × calories, over all of them; null under 3 points. */
  trend: { slope: number; intercept: number; r2: number | null } | null;
  minCalories: number | null;
  maxCalories: number | null;
}

export interface CohortCharts {
  from: string;
  to: string;
  nights: CohortNight[];
  scatter: CohortScatter | null;
}

export const SCATTER_POINT_LIMIT = 1500;
