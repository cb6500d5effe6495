/**
 * Google OAuth scopes the emulator knows: the Health API read scopes (reference §2.3), their
 * write twins (accepted at consent, grant no reads), and the OpenID scopes. Google accepts the
 * short OpenID names and the userinfo URLs for the same thing.
 */
export const HEALTH_SCOPE_PREFIX = "https://www.googleapis.com/auth/googlehealth.";

const AREAS = [
  "activity_and_fitness",
  "health_metrics_and_measurements",
  "sleep",
  "nutrition",
  "profile",
  "settings",
] as const;
export type HealthArea = (typeof AREAS)[number];

export const READ_SCOPES: Record<HealthArea, string> = Object.fromEntries(
  AREAS.map((a) => [a, `${HEALTH_SCOPE_PREFIX}${a}.readonly`]),
) as Record<HealthArea, string>;

const WRITE_SCOPES = AREAS.map((a) => `${HEALTH_SCOPE_PREFIX}${a}.writeonly`);
const OTHER_HEALTH = ["location.readonly", "ecg.readonly", "irn.readonly"].map(
  (s) => `${HEALTH_SCOPE_PREFIX}${s}`,
);

/** OpenID scopes: short names as Google echoes them back in the token response. */
const OIDC_ALIASES: Record<string, string> = {
  openid: "openid",
  email: "https://www.googleapis.com/auth/userinfo.email",
  profile: "https://www.googleapis.com/auth/userinfo.profile",
  "https://www.googleapis.com/auth/userinfo.email":
    "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile":
    "https://www.googleapis.com/auth/userinfo.profile",
};

export const OIDC_SCOPES = new Set(Object.values(OIDC_ALIASES));

/** Canonical form of a requested scope, or null when Google would reject it (invalid_scope). */
export function canonicalScope(scope: string): string | null {
  if (OIDC_ALIASES[scope]) return OIDC_ALIASES[scope];
  if (Object.values(READ_SCOPES).includes(scope)) return scope;
  if (WRITE_SCOPES.includes(scope) || OTHER_HEALTH.includes(scope)) return scope;
  return null;
}

/** Consent-page wording. */
export function describeScope(scope: string): string {
  if (scope === "openid") return "Associate you with your personal info on Google";
  if (scope.endsWith("userinfo.email")) return "See your primary Google Account email address";
  if (scope.endsWith("userinfo.profile"))
    return "See your personal info, including any personal info you've made publicly available";
  const m = /googlehealth\.([a-z_]+)\.(readonly|writeonly)$/.exec(scope);
  if (!m) return scope;
  const what: Record<string, string> = {
    activity_and_fitness: "activity and fitness data (steps, exercise, calories)",
    health_metrics_and_measurements:
      "health metrics (heart rate, HRV, breathing rate, SpO2, weight)",
    sleep: "sleep data (sessions and stages)",
    nutrition: "nutrition data (food and water logs)",
    profile: "Google Health profile (age, membership)",
    settings: "Google Health settings and paired devices",
    location: "location data",
    ecg: "ECG readings",
    irn: "irregular rhythm notifications",
  };
  return `${m[2] === "readonly" ? "See" : "Add to"} your ${what[m[1]!] ?? m[1]}`;
}

/** OpenID scopes are part of signing in and cannot be unticked on Google's consent screen. */
export function isOptional(scope: string): boolean {
  return !OIDC_SCOPES.has(scope);
}
