import type { Metric } from "@/lib/api-schemas/dashboard";
import { columnsFor, NIGHT_DATING } from "./columns";
import { csvLines } from "./csv";
import { LONG_COLUMNS } from "./long";
import { OMH_SCHEMAS } from "./omh";

export const DICTIONARY_COLUMNS = ["file", "column", "unit", "description"] as const;

/** The data dictionary of a study's exports: every column of every file, its unit, and how a night is dated. */
export function dictionaryCsv(metrics: readonly Metric[]): string {
  const rows: (string | null)[][] = [
    ["every file", "study_participant_id", null, "The participant's pseudonymous study id (e.g. P-7K3QX9); the same in every file and in Open mHealth user_id."],
    ["every file", "date", "yyyy-MM-dd", NIGHT_DATING],
    ["long CSV", LONG_COLUMNS[2], null, "Name of the measure; one of the names listed below for the wide CSVs."],
    ["long CSV", LONG_COLUMNS[3], null, "The value, in the unit of the next column. A night or day without a value has no line."],
    ["long CSV", LONG_COLUMNS[4], null, "Unit of the value (min, %, ms, brpm = breaths per minute, kcal, g, mg, ml)."],
  ];
  for (const metric of metrics) {
    for (const column of columnsFor(metric)) {
      rows.push([`wide CSV (${metric}); long CSV metric`, column.name, column.unit, `${column.description} Empty cell in the wide CSV = no value that night.`]);
    }
  }
  for (const schema of OMH_SCHEMAS) {
    const metric: Metric = schema.name === "sleep-episode" ? "sleep" : schema.name === "heart-rate-variability" ? "hrv" : "breathing";
    if (!metrics.includes(metric)) continue;
    rows.push([
      "Open mHealth JSON",
      `omh:${schema.name}:${schema.version}`,
      null,
      `One data point per ${schema.from}; header.user_id is the study id; nightly values use effective_time_frame.time_interval {date, part_of_day: night} with the date as above; sleep episodes carry their own start and end with UTC offsets.`,
    ]);
  }
  return csvLines([[...DICTIONARY_COLUMNS], ...rows]);
}
