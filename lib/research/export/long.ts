import type { ExportRow } from "@/lib/api-schemas/export";
import { csvLines } from "./csv";

export const LONG_COLUMNS = ["study_participant_id", "date", "metric", "value", "unit"] as const;

/** One participant's rows in the long layout: one line per value. */
export function longCsv(code: string, rows: readonly ExportRow[]): string {
  return csvLines(rows.map((row) => [code, row.date, row.metric, row.value, row.unit]));
}
