/**
 * Contracts shared by the emulator's parts. The HTTP core (server, OAuth, rate limits, faults,
 * control API) and the data endpoints (synthetic people, sleep/HRV/BR/food/devices) meet here.
 */

/** Fitbit OAuth scopes the emulator knows. */
export const FITBIT_SCOPES = [
  "activity",
  "cardio_fitness",
  "electrocardiogram",
  "heartrate",
  "irregular_rhythm_notifications",
  "location",
  "nutrition",
  "oxygen_saturation",
  "profile",
  "respiratory_rate",
  "settings",
  "sleep",
  "social",
  "temperature",
  "weight",
] as const;
export type FitbitScope = (typeof FITBIT_SCOPES)[number];

/** A demo person: the profile part. Their synthetic history is generated from `seed`. */
export interface DemoPerson {
  /** Fitbit's 6-character encoded user id (token `user_id`, profile `encodedId`). */
  encodedId: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** IANA timezone; every local time in this person's data is in this zone. */
  timezone: string;
  /** `yyyy-MM-dd` */
  memberSince: string;
  dateOfBirth: string;
  gender: "MALE" | "FEMALE" | "NA";
  /** Fitbit `locale`, also decides the unit fields in the profile. */
  locale: "en_US" | "en_GB" | "de_DE" | "ja_JP";
  heightCm: number;
  weightKg: number;
  /** One-line description shown on the consent page so a demo user can pick a person. */
  blurb: string;
  /** Kind of life; the data generator branches on it. */
  archetype: "steady" | "shift_worker" | "sparse" | "dst_traveller";
  seed: number;
}

/** An OAuth client registered with the emulator (Fitbit's "app"). */
export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** The application's name shown on the consent page (default: the client id). */
  name?: string;
  /** Exact redirect URIs; Fitbit compares byte for byte. */
  redirectUris: string[];
  /** "server" apps must authenticate with Basic; "client" (public) apps send client_id in the body. */
  appType: "server" | "client" | "personal";
  /** Whether intraday endpoints (HRV all.json) are allowed for this app (Personal or approved). */
  intraday: boolean;
}

/** What a data route handler gets after the core has authenticated the bearer token,
 * checked the scope and counted the request against the rate limit. */
export interface DataRequest {
  person: DemoPerson;
  /** Path parameters captured by the route pattern (named groups). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The emulator clock, in epoch ms (controllable in tests). */
  nowMs: number;
  /** Absolute origin of the emulator as the client reached it (for pagination `next` URLs). */
  origin: string;
  /** `Accept-Language` header value or null (unit system, reference §10.3). */
  acceptLanguage: string | null;
  /** Whether the calling client may read intraday data. */
  intradayAllowed: boolean;
}

/** A handler's answer. Use `fitbitErrorBody` for error bodies so the envelope is exact. */
export interface DataResponse {
  status: number;
  body: unknown;
}

export interface DataRoute {
  method: "GET";
  /** Anchored pattern on the pathname with named groups, e.g.
   * /^\/1\.2\/user\/(?<user>[^/]+)\/sleep\/date\/(?<date>[^/]+)\.json$/ . The `user` group is
   * checked by the core (`-` or the token's own encoded id). */
  pattern: RegExp;
  /** Scope required (reference §2); the core answers 403 insufficient_scope without it. */
  scope: FitbitScope;
  /** A stable name used by the control API's request counters, e.g. "sleep.date". */
  name: string;
  handle(req: DataRequest): DataResponse;
}

/** Fitbit's error envelope (reference §4). */
export function fitbitErrorBody(errorType: string, message: string, fieldName?: string) {
  const error: Record<string, string> = { errorType };
  if (fieldName !== undefined) error.fieldName = fieldName;
  error.message = message;
  return { errors: [error], success: false };
}

/** Suffix Fitbit appends to OAuth-related error messages. */
export const VISIT =
  " Visit https://dev.fitbit.com/docs/oauth2 for more information on the Fitbit Web API authorization process.";
