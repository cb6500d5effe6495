import { stringify } from "csv-stringify/sync";

/**
 * RFC 4180 lines (CRLF, quoted only when needed) through csv-stringify, the kept library, so
 * names with commas or quotes in a dictionary or a code never break a file.
 */
export function csvLines(records: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  if (records.length === 0) return "";
  return stringify(records as (string | number | null)[][], { record_delimiter: "\r\n", cast: { number: (value) => String(value) } });
}
