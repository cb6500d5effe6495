/**
 * The Google Health API scopes Nightly asks for (read-only), and the short names stored on the
 * connection. Shared by server and client (the account page explains what is missing).
 */
export const GOOGLE_SCOPE_PREFIX = "https://www.googleapis.com/auth/googlehealth.";

export const GOOGLE_REQUESTED_SCOPES = [
  "sleep",
  "health_metrics_and_measurements",
  "nutrition",
  "profile",
  "settings",
] as const;
export type GoogleRequestedScope = (typeof GOOGLE_REQUESTED_SCOPES)[number];

/** Sign-in scopes: an ID token carrying the person's name (Google's consent page always grants them). */
export const GOOGLE_OPENID_SCOPES = ["openid", "https://www.googleapis.com/auth/userinfo.profile"] as const;

/** The full scope strings of the authorization request. */
export const GOOGLE_AUTH_SCOPES = [
  ...GOOGLE_OPENID_SCOPES,
  ...GOOGLE_REQUESTED_SCOPES.map((name) => `${GOOGLE_SCOPE_PREFIX}${name}.readonly`),
];

export const GOOGLE_SCOPE_FEATURES: Record<GoogleRequestedScope, { label: string; feature: string }> = {
  sleep: { label: "Sleep", feature: "Sleep stages, hypnograms, time asleep and efficiency" },
  health_metrics_and_measurements: {
    label: "Health metrics",
    feature: "Heart rate variability (HRV) and breathing rate charts",
  },
  nutrition: { label: "Nutrition", feature: "Calories, macros, water and meals" },
  profile: { label: "Profile", feature: "Your membership date" },
  settings: { label: "Settings", feature: "Your timezone and units" },
};

/** Google's space-separated scope string → the short names Nightly knows (read scopes only). */
export function parseGoogleScopes(scope: string | null | undefined): GoogleRequestedScope[] {
  const granted = new Set((scope ?? "").split(/\s+/).filter(Boolean));
  return GOOGLE_REQUESTED_SCOPES.filter((name) => granted.has(`${GOOGLE_SCOPE_PREFIX}${name}.readonly`));
}
