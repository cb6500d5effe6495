/**
 * The data point filter (AIP-160 subset, reference §3.3 and §8): comparisons joined by AND (and
 * OR, for sleep only), with parentheses; only `>=` and `<`; members per data type (sleep only on
 * its end time). Every problem is a 400 INVALID_ARGUMENT with ErrorInfo
 * INVALID_DATA_POINT_FILTER and one BadRequest field violation per offending member, worded like
 * the live capture ("Member 'x' is not supported for filtering. (at line 1, column N)").
 */
import { parseDay, parseLocalDateTime } from "../data/time";
import { badRequest, errorInfo, RpcException } from "./errors";

export type MemberKind = "physical" | "civil" | "date";

export interface Comparison {
  member: string;
  kind: MemberKind;
  op: ">=" | "<";
  /** physical: epoch ms; civil: wall-clock ms (data/time localMs); date: day number. */
  value: number;
}
/** Disjunction of conjunctions. An empty filter is one empty conjunction (matches everything). */
export type Filter = Comparison[][];

interface Token {
  type: "word" | "string" | "op" | "lparen" | "rparen" | "end";
  text: string;
  column: number;
}

const OPS = [">=", "<=", "!=", ">", "<", "=", ":"];

function tokenize(input: string): Token[] | { column: number; text: string } {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === " " || c === "\t" || c === "\n") {
      i++;
      continue;
    }
    const column = i + 1;
    if (c === "(" || c === ")") {
      out.push({ type: c === "(" ? "lparen" : "rparen", text: c, column });
      i++;
    } else if (c === '"') {
      const close = input.indexOf('"', i + 1);
      if (close < 0) return { column, text: "unterminated string" };
      out.push({ type: "string", text: input.slice(i + 1, close), column });
      i = close + 1;
    } else {
      const op = OPS.find((o) => input.startsWith(o, i));
      if (op) {
        out.push({ type: "op", text: op, column });
        i += op.length;
      } else {
        const m = /^[A-Za-z0-9_.\-]+/.exec(input.slice(i));
        if (!m) return { column, text: `unexpected character '${c}'` };
        out.push({ type: "word", text: m[0], column });
        i += m[0].length;
      }
    }
  }
  out.push({ type: "end", text: "", column: input.length + 1 });
  return out;
}

interface Problem {
  reason: string;
  description: string;
}

function reject(problems: Problem[]): RpcException {
  const reasons = problems.map((p) => p.reason);
  return new RpcException({
    code: 400,
    status: "INVALID_ARGUMENT",
    message: `Invalid data point filter: ${reasons.join(", ")}.`,
    details: [
      errorInfo("INVALID_DATA_POINT_FILTER", "health.googleapis.com", {
        detailedReasons: reasons.join(","),
      }),
      badRequest(problems.map((p) => ({ field: "filter", description: p.description }))),
    ],
  });
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseValue(kind: MemberKind, text: string): number | null {
  if (kind === "date") return parseDay(text);
  if (kind === "civil") {
    const day = parseDay(text);
    if (day !== null) return day * 86_400_000;
    return parseLocalDateTime(text.replace(/\.\d{1,9}$/, ""));
  }
  if (!RFC3339.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || parseDay(text.slice(0, 10)) === null ? null : ms;
}

/**
 * Parses `text` for a data type whose filterable members are `members`. `allowOr`: only sleep
 * accepts OR (reference §9).
 */
export function parseFilter(
  text: string | null,
  members: Readonly<Record<string, MemberKind>>,
  allowOr: boolean,
): Filter {
  if (text === null || text.trim() === "") return [[]];
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) {
    throw reject([
      {
        reason: "INVALID_DATA_POINT_FILTER_SYNTAX",
        description: `Syntax error: ${tokens.text}. (at line 1, column ${tokens.column})`,
      },
    ]);
  }
  const problems: Problem[] = [];
  let pos = 0;
  const peek = () => tokens[pos]!;
  const syntax = (t: Token, what: string): never => {
    throw reject([
      {
        reason: "INVALID_DATA_POINT_FILTER_SYNTAX",
        description: `Syntax error: expected ${what}, found '${t.text || "end of filter"}'. (at line 1, column ${t.column})`,
      },
    ]);
  };

  const parseOr = (): Filter => {
    let result = parseAnd();
    while (peek().type === "word" && peek().text === "OR") {
      const orToken = tokens[pos++]!;
      if (!allowOr) {
        problems.push({
          reason: "INVALID_DATA_POINT_FILTER_OPERATOR",
          description: `Operator 'OR' is not supported for this data type. (at line 1, column ${orToken.column})`,
        });
      }
      result = [...result, ...parseAnd()];
    }
    return result;
  };
  const parseAnd = (): Filter => {
    let result = parseTerm();
    while (peek().type === "word" && peek().text === "AND") {
      pos++;
      const right = parseTerm();
      result = result.flatMap((a) => right.map((b) => [...a, ...b]));
    }
    return result;
  };
  const parseTerm = (): Filter => {
    const t = peek();
    if (t.type === "lparen") {
      pos++;
      const inner = parseOr();
      if (peek().type !== "rparen") syntax(peek(), "')'");
      pos++;
      return inner;
    }
    if (t.type !== "word" || t.text === "AND" || t.text === "OR") return syntax(t, "a member name");
    pos++;
    const op = peek();
    if (op.type !== "op") return syntax(op, "a comparison operator");
    pos++;
    const value = peek();
    if (value.type !== "string") return syntax(value, 'a quoted value like "2026-09-01"');
    pos++;
    const kind = members[t.text];
    if (kind === undefined) {
      problems.push({
        reason: "INVALID_DATA_POINT_FILTER_DATA_TYPE_MEMBER",
        description: `Member '${t.text}' is not supported for filtering. (at line 1, column ${t.column})`,
      });
      return [[]];
    }
    if (op.text !== ">=" && op.text !== "<") {
      problems.push({
        reason: "INVALID_DATA_POINT_FILTER_OPERATOR",
        description: `Operator '${op.text}' is not supported for member '${t.text}'; use >= or <. (at line 1, column ${op.column})`,
      });
      return [[]];
    }
    const parsed = parseValue(kind, value.text);
    if (parsed === null) {
      const expected =
        kind === "date"
          ? "YYYY-MM-DD"
          : kind === "civil"
            ? "YYYY-MM-DD[THH:mm:ss]"
            : "an RFC 3339 timestamp";
      problems.push({
        reason: "INVALID_DATA_POINT_FILTER_VALUE",
        description: `Value '${value.text}' for member '${t.text}' is not ${expected}. (at line 1, column ${value.column})`,
      });
      return [[]];
    }
    return [[{ member: t.text, kind, op: op.text, value: parsed }]];
  };

  const filter = parseOr();
  if (peek().type !== "end") syntax(peek(), "AND, OR or the end of the filter");
  if (problems.length > 0) throw reject(problems);
  return filter;
}

/** Whether a point with these member values passes the filter. */
export function matches(filter: Filter, values: Readonly<Record<string, number>>): boolean {
  return filter.some((conj) =>
    conj.every((c) => {
      const v = values[c.member];
      if (v === undefined) return false;
      return c.op === ">=" ? v >= c.value : v < c.value;
    }),
  );
}
