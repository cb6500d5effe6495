/** Everything the Google side of the emulator knows, hung off `EmulatorState.google`. */
import type { Clock } from "../clock";
import type { FaultQueue } from "../faults";
import type { GoogleClient } from "./clients";
import { SigningKeys } from "./oidc";
import { MinuteRateLimiter } from "./rate-limit";
import { GoogleTokenStore } from "./tokens";
import { WebhookState, type WebhookOptions } from "./webhooks/state";

export interface PagingSettings {
  /** Every page that has points and a successor is followed by an empty page with a token. */
  forceEmptyPages: boolean;
  /** Most calendar days one page of `sleep` looks at before it answers (with a token). */
  sleepScanDays: number;
  /** The same for every other data type. */
  scanDays: number;
}

export const DEFAULT_PAGING: PagingSettings = {
  forceEmptyPages: false,
  sleepScanDays: 30,
  scanDays: 90,
};

export class GoogleState {
  readonly clients: ReadonlyMap<string, GoogleClient>;
  readonly tokens: GoogleTokenStore;
  readonly rateLimiter: MinuteRateLimiter;
  readonly keys = new SigningKeys();
  paging: PagingSettings = { ...DEFAULT_PAGING };
  /** Subscribers, signing key and deliveries of the project's webhooks. */
  readonly webhooks: WebhookState;
  /** The emulated Cloud project's number (the first part of the demo client id). */
  readonly projectNumber: string;

  constructor(
    clock: Clock,
    clients: GoogleClient[],
    tokenLifetimeSeconds: number,
    rateLimitPerMinute: number,
    faults: FaultQueue,
    webhookOptions: WebhookOptions,
    projectNumber: string,
  ) {
    this.clients = new Map(clients.map((c) => [c.clientId, c]));
    this.tokens = new GoogleTokenStore(clock, tokenLifetimeSeconds);
    this.rateLimiter = new MinuteRateLimiter(clock, rateLimitPerMinute);
    this.webhooks = new WebhookState(clock, faults, this.tokens, webhookOptions);
    this.projectNumber = projectNumber;
  }

  resetTransient(): void {
    this.rateLimiter.reset();
    this.paging = { ...DEFAULT_PAGING };
    this.webhooks.resetTransient();
  }
}
