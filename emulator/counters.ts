/**
 * Request counters for the control API: totals per endpoint name and per user, plus a short log.
 * Tests use them to assert how often the app called the provider (e.g. "refreshed exactly once").
 * Rejected requests count too, with their status, because the app's retry behaviour matters.
 */

export interface LogEntry {
  atMs: number;
  method: string;
  /** Path with the values of secret-bearing query parameters replaced. */
  path: string;
  endpoint: string;
  userId: string | null;
  status: number;
}

const LOG_LIMIT = 500;
/** Query parameters whose values must never be stored (tokens, codes, verifiers). */
const SECRET_PARAMS = /^(token|code|access_token|refresh_token|code_verifier|client_secret)$/i;

/** `/x?code=abc&state=s` -> `/x?code=REDACTED&state=s`, without decoding anything else. */
export function redactPath(rawTarget: string): string {
  const q = rawTarget.indexOf("?");
  if (q < 0) return rawTarget;
  const query = rawTarget
    .slice(q + 1)
    .split("&")
    .map((part) => {
      const eq = part.indexOf("=");
      const name = eq < 0 ? part : part.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is kept as is; it can't be one of the secret names anyway.
      }
      return SECRET_PARAMS.test(decoded) && eq >= 0 ? `${name}=REDACTED` : part;
    })
    .join("&");
  return `${rawTarget.slice(0, q)}?${query}`;
}

export class RequestCounters {
  total = 0;
  byEndpoint: Record<string, number> = {};
  byUser: Record<string, Record<string, number>> = {};
  byStatus: Record<string, number> = {};
  log: LogEntry[] = [];
  /** Optional observer (the CLI prints entries when EMULATOR_LOG=1). */
  onEntry: ((entry: LogEntry) => void) | null = null;

  record(entry: LogEntry): void {
    this.total++;
    this.byEndpoint[entry.endpoint] = (this.byEndpoint[entry.endpoint] ?? 0) + 1;
    if (entry.userId) {
      const user = (this.byUser[entry.userId] ??= {});
      user[entry.endpoint] = (user[entry.endpoint] ?? 0) + 1;
    }
    const status = String(entry.status);
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.onEntry?.(entry);
  }

  snapshot() {
    return {
      total: this.total,
      byEndpoint: { ...this.byEndpoint },
      byUser: structuredClone(this.byUser),
      byStatus: { ...this.byStatus },
      log: [...this.log],
    };
  }

  reset(): void {
    this.total = 0;
    this.byEndpoint = {};
    this.byUser = {};
    this.byStatus = {};
    this.log = [];
  }
}
