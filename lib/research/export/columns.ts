/**
 * Every value column a study export can hold, with its unit and meaning: the one list the long
 * CSV's `metric` values, the wide CSVs' columns and the data dictionary are checked against.
 * Units are metric (studies always export metric units, whatever a participant chose).
 */
import type { Metric } from "@/lib/api-schemas/dashboard";

export interface ExportColumn {
  name: string;
  metric: Metric;
  unit: string;
  description: string;
}

const sleep = (name: string, unit: string, description: string): ExportColumn => ({ name, metric: "sleep", unit, description });
const hrv = (name: string, description: string): ExportColumn => ({ name, metric: "hrv", unit: "ms", description });
const breathing = (name: string, description: string): ExportColumn => ({ name, metric: "breathing", unit: "brpm", description });
const food = (name: string, unit: string, description: string): ExportColumn => ({ name, metric: "nutrition", unit, description });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  sleep("sleep_minutes_asleep", "min", "Minutes asleep in the night's main sleep (naps excluded)."),
  sleep("sleep_time_in_bed", "min", "Minutes in bed in the main sleep, from first to last recorded minute."),
  sleep("sleep_efficiency", "%", "Minutes asleep as a share of time in bed in the main sleep, rounded to a whole percent."),
  sleep("sleep_deep_minutes", "min", "Minutes of deep sleep in the main sleep (stage-scored nights only)."),
  sleep("sleep_light_minutes", "min", "Minutes of light sleep in the main sleep (stage-scored nights only)."),
  sleep("sleep_rem_minutes", "min", "Minutes of REM sleep in the main sleep (stage-scored nights only)."),
  sleep("sleep_wake_minutes", "min", "Minutes awake within the main sleep (stage-scored nights only)."),
  sleep("sleep_classic_asleep_minutes", "min", "Minutes asleep in a classic (not stage-scored) main sleep."),
  sleep("sleep_classic_restless_minutes", "min", "Minutes restless in a classic main sleep."),
  sleep("sleep_classic_awake_minutes", "min", "Minutes awake in a classic main sleep."),
  sleep("sleep_nap_minutes_asleep", "min", "Minutes asleep in naps (sleeps other than the main sleep) ending on that date."),
  sleep("sleep_total_minutes_asleep", "min", "Main sleep plus naps, minutes asleep."),
  hrv("hrv_daily_rmssd", "Heart rate variability during the main sleep: RMSSD of beat-to-beat intervals."),
  hrv("hrv_deep_rmssd", "RMSSD during deep sleep of the main sleep."),
  breathing("breathing_rate_full", "Average breaths per minute over the main sleep."),
  breathing("breathing_rate_deep", "Average breaths per minute in deep sleep."),
  breathing("breathing_rate_light", "Average breaths per minute in light sleep."),
  breathing("breathing_rate_rem", "Average breaths per minute in REM sleep."),
  food("calories_in", "kcal", "Calories logged as eaten on that calendar day."),
  food("calorie_goal", "kcal", "The participant's calorie goal on that day, when set."),
  food("carbs", "g", "Carbohydrates logged that day."),
  food("fat", "g", "Fat logged that day."),
  food("protein", "g", "Protein logged that day."),
  food("fiber", "g", "Fibre logged that day."),
  food("sodium", "mg", "Sodium logged that day."),
  food("water", "ml", "Water logged that day."),
];

export function columnsFor(metric: Metric): ExportColumn[] {
  return EXPORT_COLUMNS.filter((column) => column.metric === metric);
}

/**
 * How every export dates a value. Said once here and repeated in the dictionary, because a
 * night that starts on Monday evening and ends on Tuesday morning must not be read as Monday's.
 */
export const NIGHT_DATING =
  "A night is dated by the calendar day the participant woke up, in the participant's own timezone at that time (Fitbit's dateOfSleep): sleep from Monday 23:00 to Tuesday 07:00 is Tuesday's. HRV and breathing rate belong to the main sleep of that night, so they carry the same date. Nutrition is dated by the calendar day the food was logged for. When a participant has data from both Google Health and the legacy Fitbit API for one date, only Google's is exported (one source per date, never mixed).";
