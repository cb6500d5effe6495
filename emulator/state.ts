/**
 * Everything the running emulator knows, in one object. Exposed on `RunningEmulator.state` so
 * tests in the same process can inspect it directly; other processes use the control API.
 */
import { z } from "zod";
import { Clock } from "./clock";
import { RequestCounters } from "./counters";
import { FaultQueue } from "./faults";
import { RateLimiter } from "./fitbit/rate-limit";
import { TokenStore } from "./fitbit/tokens";
import type { GoogleClient } from "./google/clients";
import { GoogleState } from "./google/state";
import type { WebhookOptions } from "./google/webhooks/state";
import type { DataRoute, RegisteredClient } from "./types";

/** Validates client registrations (env JSON or options) before anything trusts them. */
export const registeredClientSchema = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, "clientId must be 1-32 letters or digits"),
  clientSecret: z.string().min(1).max(200),
  /** The application's name as its users know it (shown on the consent page). */
  name: z.string().min(1).max(80).optional(),
  redirectUris: z
    .array(
      z
        .string()
        .refine(
          (uri) => URL.canParse(uri) && !uri.includes("#"),
          "must be an absolute URI without a fragment",
        ),
    )
    .min(1),
  appType: z.enum(["server", "client", "personal"]),
  intraday: z.boolean(),
});
export const registeredClientsSchema = z
  .array(registeredClientSchema)
  .min(1)
  .refine(
    (list) => new Set(list.map((c) => c.clientId)).size === list.length,
    "duplicate clientId",
  );

export interface EmulatorStateInit {
  clients: RegisteredClient[];
  tokenLifetimeSeconds: number;
  rateLimitPerHour: number;
  startTimeMs?: number;
  dataRoutes: DataRoute[];
  retired: boolean;
  googleClients: GoogleClient[];
  googleTokenLifetimeSeconds: number;
  googleRateLimitPerMinute: number;
  webhooks: WebhookOptions;
  googleProjectNumber: string;
}

export class EmulatorState {
  readonly clock: Clock;
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  readonly tokens: TokenStore;
  readonly rateLimiter: RateLimiter;
  readonly counters = new RequestCounters();
  readonly faults = new FaultQueue();
  readonly dataRoutes: readonly DataRoute[];
  readonly tokenLifetimeSeconds: number;
  /** When true every Fitbit endpoint answers 410 (the legacy API's switch-off). */
  retired: boolean;
  /** The Google OAuth server and Health API (same clock, counters and faults). */
  readonly google: GoogleState;

  constructor(init: EmulatorStateInit) {
    this.clock = new Clock(init.startTimeMs);
    this.clients = new Map(init.clients.map((c) => [c.clientId, c]));
    this.tokenLifetimeSeconds = init.tokenLifetimeSeconds;
    this.tokens = new TokenStore(this.clock, init.tokenLifetimeSeconds);
    this.rateLimiter = new RateLimiter(this.clock, init.rateLimitPerHour);
    this.dataRoutes = init.dataRoutes;
    this.retired = init.retired;
    this.google = new GoogleState(
      this.clock,
      init.googleClients,
      init.googleTokenLifetimeSeconds,
      init.googleRateLimitPerMinute,
      this.faults,
      init.webhooks,
      init.googleProjectNumber,
    );
  }

  /** Control API `POST /__emulator/reset`: counters, faults, rate windows and Google paging
   * switches; tokens stay. */
  resetTransient(): void {
    this.counters.reset();
    this.faults.clear();
    this.rateLimiter.reset();
    this.google.resetTransient();
  }
}
