/**
 * Low-level HTTP helpers shared by every part of the emulator. They are strict on purpose: the
 * emulator must reject what a real server rejects (bad percent-encoding, oversized bodies)
 * rather than guess, and it must never crash on hostile input.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted; OAuth forms and control JSON are tiny. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Thrown by the helpers below; the server turns it into a response in the right dialect. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes one `application/x-www-form-urlencoded` token; throws HttpError(400) on bad `%xx`. */
function decodeFormComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new HttpError(400, "Malformed percent-encoding");
  }
}

/**
 * Parsed form or query string. Unlike URLSearchParams it refuses malformed percent-encoding
 * (URLSearchParams silently keeps `%zz`), and it can report repeated names.
 */
export class Form {
  private readonly entries: Array<[string, string]>;

  constructor(text: string) {
    this.entries = [];
    for (const part of text.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const name = decodeFormComponent(eq < 0 ? part : part.slice(0, eq));
      const value = decodeFormComponent(eq < 0 ? "" : part.slice(eq + 1));
      this.entries.push([name, value]);
    }
  }

  /** First value, with empty strings treated as absent (Fitbit reports them as missing). */
  get(name: string): string | undefined {
    const found = this.entries.find(([n]) => n === name);
    return found && found[1] !== "" ? found[1] : undefined;
  }

  all(name: string): string[] {
    return this.entries.filter(([n]) => n === name).map(([, v]) => v);
  }

  /** Names from `names` that occur more than once (OAuth forbids repeating parameters). */
  repeated(names: readonly string[]): string[] {
    return names.filter((name) => this.all(name).length > 1);
  }

  toURLSearchParams(): URLSearchParams {
    return new URLSearchParams(this.entries);
  }
}

export interface Target {
  /** Raw (still percent-encoded) pathname; routes match on it. */
  pathname: string;
  /** Raw query string without `?`. */
  search: string;
}

/**
 * Splits the request target by hand: `new URL("//evil/x", base)` would treat a leading `//` as
 * a host. Rejects anything that is not origin-form or whose path does not percent-decode.
 */
export function parseTarget(url: string | undefined): Target {
  if (!url || !url.startsWith("/")) throw new HttpError(400, "Bad request target");
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? "" : url.slice(q + 1);
  try {
    decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, "Malformed percent-encoding");
  }
  return { pathname, search };
}

/**
 * Reads the whole body as UTF-8, refusing more than `limit` bytes with 413. On overflow it stops
 * buffering but keeps draining, so the 413 can still be written on the same connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, "Request entity too large"));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new HttpError(413, "Request entity too large"));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

/** Fitbit requires Content-Length on POST (411 otherwise); chunked uploads don't carry one. */
export function lacksContentLength(req: IncomingMessage): boolean {
  return req.method === "POST" && req.headers["content-length"] === undefined;
}

/** Media type of the request without parameters, lower-cased. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | number> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Plain JSON, used by the control API (not Fitbit's content type on purpose). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
}

/** HTML pages. The CSP allows only inline styles and same-origin images: no scripts at all.
 * No `form-action`: Chrome applies it to the consent form's redirect to the app. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  });
}

export function redirect(res: ServerResponse, location: string): void {
  send(res, 302, "", { location, "cache-control": "no-store" });
}

/** Resolves after `ms` milliseconds (latency faults). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
