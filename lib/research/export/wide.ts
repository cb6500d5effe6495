import type { Metric } from "@/lib/api-schemas/dashboard";
import type { ExportRow } from "@/lib/api-schemas/export";
import { columnsFor } from "./columns";
import { csvLines } from "./csv";

export function wideHeader(metric: Metric): string[] {
  return ["study_participant_id", "date", ...columnsFor(metric).map((column) => column.name)];
}

/**
 * One participant's values of one metric, one line per date that has any of them; a value
 * the night lacks is an empty cell. The same numbers as the long layout, pivoted.
 */
export function wideCsv(code: string, rows: readonly ExportRow[], metric: Metric): string {
  const names = columnsFor(metric).map((column) => column.name);
  const wanted = new Set(names);
  const byDate = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!wanted.has(row.metric)) continue;
    const values = byDate.get(row.date) ?? new Map<string, number>();
    values.set(row.metric, row.value);
    byDate.set(row.date, values);
  }
  const dates = [...byDate.keys()].sort();
  return csvLines(dates.map((date) => [code, date, ...names.map((name) => byDate.get(date)!.get(name) ?? null)]));
}
