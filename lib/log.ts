/**
 * Structured one-line logs. Callers pass ids and outcomes, never tokens; as a second line of
 * defence, values under keys that look like secrets are redacted at any depth (nested objects,
 * arrays, error causes), and strings that look like bearer tokens or JWTs are masked wherever
 * they appear. Why this is not pino: docs/decisions/0006-log-redaction.md.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|code_verifier|api[-_]?key|credential/i;
const SECRET_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*)?/g;
const MAX_DEPTH = 8;
export const REDACTED = "[redacted]";

function threshold(): number {
  const configured = process.env.LOG_LEVEL as Level | undefined;
  return ORDER[configured ?? "info"] ?? ORDER.info;
}

/** A copy of `value` safe to log: secret-looking keys and token-looking strings masked. */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return value.replace(SECRET_TEXT, REDACTED);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1, seen), ...(value.cause === undefined ? {} : { cause: redact(value.cause, depth + 1, seen) }) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1, seen)]),
  );
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ at: new Date().toISOString(), level, msg: redact(message), ...(redact(fields) as Record<string, unknown>) });
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
