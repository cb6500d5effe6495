/**
 * Injected faults: the next N matching requests misbehave in a chosen way, so the app's retry,
 * back-off, refresh and payload-validation paths can be tested deterministically.
 */
import { z } from "zod";

export const FAULT_KINDS = [
  "429",
  "500",
  "503",
  "latency",
  "expired_token",
  "corrupt",
  /** Alias of `corrupt`. */
  "invalid_payload",
  /** Webhook deliveries only (endpoint `google.webhook.delivery`): the notification is lost. */
  "drop",
  /** Webhook deliveries only: the notification arrives twice. */
  "duplicate",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultInputSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Route name (e.g. "sleep.date", "profile", "oauth.token", "google.sleep.list"), or "*" for
   * every data route. */
  endpoint: z.string().min(1).max(100).default("*"),
  /** Only requests to this provider's API (Google names start with "google."). Default: both. */
  provider: z.enum(["fitbit", "google"]).optional(),
  userId: z.string().min(1).max(20).optional(),
  count: z.number().int().min(1).max(1_000_000).default(1),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
});
export type FaultInput = z.infer<typeof faultInputSchema>;

export interface Fault extends FaultInput {
  id: number;
  /** Matching requests still to be affected. */
  remaining: number;
}

/** Which faults a request can receive: data routes get all kinds; the token endpoint only
 * server errors and latency (and only when the fault names it explicitly). */
export type FaultSurface = "data" | "oauth" | "webhook";
const OAUTH_KINDS: readonly FaultKind[] = ["500", "latency"];
/** Deliveries take only these, and only from faults that name the delivery endpoint. */
const WEBHOOK_KINDS: readonly FaultKind[] = ["drop", "duplicate"];

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const fault: Fault = { ...input, id: this.nextId++, remaining: input.count };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Consumes and returns the oldest fault matching this request, if any. For OAuth, a fault
   * endpoint of "oauth.token" matches both grants ("oauth.token.authorization_code", …).
   */
  take(surface: FaultSurface, endpoint: string, userId: string | null): Fault | undefined {
    const provider = endpoint.startsWith("google.") ? "google" : "fitbit";
    const index = this.faults.findIndex((f) => {
      if (f.userId !== undefined && f.userId !== userId) return false;
      if (f.provider !== undefined && f.provider !== provider) return false;
      if (surface === "oauth") {
        return (
          OAUTH_KINDS.includes(f.kind) &&
          (f.endpoint === endpoint || endpoint.startsWith(`${f.endpoint}.`))
        );
      }
      if (surface === "webhook") return WEBHOOK_KINDS.includes(f.kind) && f.endpoint === endpoint;
      return !WEBHOOK_KINDS.includes(f.kind) && (f.endpoint === "*" || f.endpoint === endpoint);
    });
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}

/**
 * Breaks a JSON body's schema while keeping it valid JSON: the first object inside the first
 * array (breadth-first) becomes `{"bogus":true}`; with no such array, the first object-valued
 * property does; failing that, the whole body does.
 */
export function corruptBody(body: unknown): unknown {
  const copy: unknown = structuredClone(body);
  const queue: unknown[] = [copy];
  while (queue.length > 0) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      if (node.length > 0 && typeof node[0] === "object" && node[0] !== null) {
        node[0] = { bogus: true };
        return copy;
      }
      queue.push(...node);
    } else if (typeof node === "object" && node !== null) {
      queue.push(...Object.values(node));
    }
  }
  if (typeof copy === "object" && copy !== null && !Array.isArray(copy)) {
    const record = copy as Record<string, unknown>;
    const key = Object.keys(record).find(
      (k) => typeof record[k] === "object" && record[k] !== null,
    );
    if (key !== undefined) {
      record[key] = { bogus: true };
      return record;
    }
  }
  return { bogus: true };
}
