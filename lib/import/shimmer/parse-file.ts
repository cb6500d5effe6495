/**
 * A file of Shimmer records → records with the line each starts on, and problems with theirs
 * (issue 9 §2). Accepted: a JSON array, newline-delimited JSON (one record per line), or one
 * JSON object (a single record, possibly spread over several lines). Pure; no database.
 */
import { describeIssues, shimmerRecordSchema, traced, type TracedRecord } from "./record-schema";

export interface LineRecord {
  line: number;
  record: TracedRecord;
}
export interface LineProblem {
  line: number;
  message: string;
}
export interface ParsedFile {
  format: "json-array" | "ndjson" | "json-object" | "empty";
  records: LineRecord[];
  problems: LineProblem[];
}

/** More than this many records in one file is refused (split the file). */
export const MAX_RECORDS = 20_000;

export function parseShimmerFile(input: string): ParsedFile {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const lines = lineStarts(text);
  const lineAt = (offset: number) => lineOf(lines, offset);
  const first = text.search(/\S/);
  if (first === -1) return { format: "empty", records: [], problems: [{ line: 1, message: "The file is empty." }] };
  if (text[first] === "[") return collect("json-array", splitArray(text, first, lineAt), text, lineAt);

  const values: Slice[] = [];
  const problems: LineProblem[] = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    if (raw.trim()) values.push({ start: offset, end: offset + raw.length });
    offset += raw.length + 1;
  }
  // One pretty-printed record (as a record looks when copied from a database shell).
  if (values.length > 1 && !parses(text.slice(values[0]!.start, values[0]!.end)) && parses(text)) {
    return collect("json-object", { slices: [{ start: first, end: text.length }], problems }, text, lineAt);
  }
  return collect("ndjson", { slices: values, problems }, text, lineAt);
}

interface Slice {
  start: number;
  end: number;
}

function collect(format: ParsedFile["format"], split: { slices: Slice[]; problems: LineProblem[] }, text: string, lineAt: (offset: number) => number): ParsedFile {
  const records: LineRecord[] = [];
  const problems = [...split.problems];
  if (split.slices.length > MAX_RECORDS) {
    return { format, records: [], problems: [{ line: 1, message: `The file has ${split.slices.length} records; at most ${MAX_RECORDS} are taken at once. Split it.` }] };
  }
  for (const slice of split.slices) {
    const line = lineAt(slice.start);
    const source = text.slice(slice.start, slice.end);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      problems.push({ line, message: `not valid JSON: ${jsonReason(error, source, line)}` });
      continue;
    }
    const parsed = shimmerRecordSchema.safeParse(value);
    if (parsed.success) records.push({ line, record: traced(parsed.data) });
    else problems.push({ line, message: describeIssues(parsed.error) });
  }
  // A username names one person: twice in a file is a mistake to fix, not a choice to guess.
  const firstLine = new Map<string, number>();
  for (const { line, record } of records) {
    const earlier = firstLine.get(record.username);
    if (earlier === undefined) firstLine.set(record.username, line);
    else problems.push({ line, message: `username “${record.username}” is also on line ${earlier}` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { format, records, problems };
}

function parses(source: string): boolean {
  try {
    JSON.parse(source);
    return true;
  } catch {
    return false;
  }
}

/** JSON.parse's reason without its offset, plus the line it points at when not the first. */
function jsonReason(error: unknown, source: string, startLine: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
  if (!position) return reason;
  const at = startLine + (source.slice(0, Number(position[1])).match(/\n/g)?.length ?? 0);
  return at === startLine ? reason : `${reason} (line ${at})`;
}

/**
 * The top-level elements of a JSON array, each as its source slice, found by walking strings and
 * brackets (not by parsing), so one broken element does not hide where the others start.
 */
function splitArray(text: string, open: number, lineAt: (offset: number) => number): { slices: Slice[]; problems: LineProblem[] } {
  const slices: Slice[] = [];
  const problems: LineProblem[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let last = -1; // the last non-space character of the current element
  let gapReported = false; // one problem per run of empty elements
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      last = i;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 0 && (c === "," || c === "]")) {
      if (start >= 0) slices.push({ start, end: last + 1 });
      else if (!gapReported && (c === "," || slices.length > 0)) {
        problems.push({ line: lineAt(i), message: "not valid JSON: an empty element (two commas in a row, or a comma before ])" });
        gapReported = true;
      }
      start = -1;
      if (c === "]") {
        const rest = text.slice(i + 1).search(/\S/);
        if (rest !== -1) problems.push({ line: lineAt(i + 1 + rest), message: "not valid JSON: something follows the end of the array" });
        return { slices, problems };
      }
      continue;
    }
    if (start < 0) {
      start = i;
      gapReported = false;
    }
    last = i;
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth = Math.max(0, depth - 1);
  }
  if (start >= 0) slices.push({ start, end: last + 1 });
  problems.push({ line: lineAt(text.length), message: "not valid JSON: the array is never closed with ]" });
  return { slices, problems };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset` (binary search over line starts). */
function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
