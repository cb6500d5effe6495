/** GET /api/me/export?format=csv|json&preset|from&to — the chosen range in long format. */
import { z } from "zod";
import { checkRange, rangeFields } from "./range";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z
  .strictObject({ ...rangeFields, format: z.enum(EXPORT_FORMATS, { message: "format must be csv or json." }).default("csv") })
  .superRefine(checkRange);
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export interface ExportRow {
  date: string;
  metric: string;
  value: number;
  unit: string;
}

export const EXPORT_COLUMNS = ["date", "metric", "value", "unit"] as const;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a header row and CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((column) => csvField(row[column])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function exportFileName(from: string, to: string, format: ExportFormat): string {
  return `nightly-${from}-to-${to}.${format}`;
}
