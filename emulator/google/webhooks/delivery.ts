/**
 * Delivery of signed notifications to subscribers' endpoints, as Google does it (reference §5):
 * POST with the subscriber's secret as `Authorization` and the Tink signature in
 * `X-HEALTHAPI-SIGNATURE`; anything but a 2xx (or no answer in 10 s) is retried with exponential
 * backoff (Google: for up to 7 days; here `maxAttempts` tries from `retryBaseMs`, doubling).
 * The fault queue can make a delivery vanish (`drop`) or arrive twice (`duplicate`): endpoint
 * `google.webhook.delivery`, optionally for one healthUserId.
 */
import { randomUUID } from "node:crypto";
import type { FaultQueue } from "../../faults";
import type { WebhookSigner } from "./signing";

export const DELIVERY_ENDPOINT = "google.webhook.delivery";
const VERIFIER_AGENT = "Google-Health-API-Webhooks-Verifier";
const DELIVERY_AGENT = "Google-Health-API-Webhooks";

export interface Delivery {
  id: string;
  subscriberId: string;
  healthUserId: string;
  dataType: string;
  operation: "UPSERT" | "DELETE";
  endpointUri: string;
  body: string;
  attempts: number;
  status: "pending" | "delivered" | "failed" | "dropped";
  /** HTTP status of the last attempt (0 = no answer). */
  lastStatus: number | null;
  /** Emulator-clock instants. */
  createdAtMs: number;
  deliveredAtMs: number | null;
  /** The second copy a `duplicate` fault sent. */
  duplicate: boolean;
}

export interface DeliveryOptions {
  retryBaseMs: number;
  maxAttempts: number;
}

/** The endpoint handshake on create/update: 200/201 with the secret, 401/403 without. */
export async function endpointVerifies(endpointUri: string, secret: string): Promise<boolean> {
  const post = async (headers: Record<string, string>) => {
    try {
      const response = await fetch(endpointUri, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": VERIFIER_AGENT, ...headers },
        body: JSON.stringify({ type: "verification" }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => null);
      return response.status;
    } catch {
      return 0;
    }
  };
  const withSecret = await post({ authorization: secret });
  if (withSecret !== 200 && withSecret !== 201) return false;
  const without = await post({});
  return without === 401 || without === 403;
}

export class Deliverer {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly signer: WebhookSigner,
    private readonly faults: FaultQueue,
    private readonly now: () => number,
    readonly options: DeliveryOptions,
  ) {}

  /** Queues one notification body for a subscriber's endpoint (sent right away). */
  enqueue(target: { subscriberId: string; endpointUri: string; secret: string }, meta: Pick<Delivery, "healthUserId" | "dataType" | "operation">, body: string): void {
    const fault = this.faults.take("webhook", DELIVERY_ENDPOINT, meta.healthUserId);
    const make = (duplicate: boolean): Delivery => ({
      id: randomUUID(),
      subscriberId: target.subscriberId,
      endpointUri: target.endpointUri,
      body,
      attempts: 0,
      status: "pending",
      lastStatus: null,
      createdAtMs: this.now(),
      deliveredAtMs: null,
      duplicate,
      ...meta,
    });
    const first = make(false);
    this.deliveries.push(first);
    if (fault?.kind === "drop") {
      first.status = "dropped";
      return;
    }
    void this.attempt(first, target.secret);
    if (fault?.kind === "duplicate") {
      const copy = make(true);
      this.deliveries.push(copy);
      void this.attempt(copy, target.secret);
    }
  }

  private async attempt(d: Delivery, secret: string): Promise<void> {
    if (this.stopped) return;
    d.attempts++;
    try {
      const response = await fetch(d.endpointUri, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": DELIVERY_AGENT,
          authorization: secret,
          "x-healthapi-signature": this.signer.sign(d.body),
        },
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => null);
      d.lastStatus = response.status;
    } catch {
      d.lastStatus = 0;
    }
    if (d.lastStatus >= 200 && d.lastStatus < 300) {
      d.status = "delivered";
      d.deliveredAtMs = this.now();
      return;
    }
    if (d.attempts >= this.options.maxAttempts || this.stopped) {
      d.status = "failed";
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(d, secret);
    }, this.options.retryBaseMs * 2 ** (d.attempts - 1));
    timer.unref();
    this.timers.add(timer);
  }

  /** Every delivery so far, oldest first (bodies included, for tests). */
  log(): Delivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  clearLog(): void {
    this.deliveries.length = 0;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
