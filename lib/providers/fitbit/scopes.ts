/**
 * The Fitbit scopes Nightly asks for, and which parts of Nightly need each one. Shared by the
 * server (what to request, what was granted) and the client (explaining what is missing).
 */
export const FITBIT_REQUESTED_SCOPES = [
  "sleep",
  "heartrate",
  "respiratory_rate",
  "nutrition",
  "profile",
  "settings",
] as const;

export type FitbitRequestedScope = (typeof FITBIT_REQUESTED_SCOPES)[number];

export const SCOPE_FEATURES: Record<FitbitRequestedScope, { label: string; feature: string }> = {
  sleep: { label: "Sleep", feature: "Sleep stages, hypnograms, time asleep and efficiency" },
  heartrate: { label: "Heart rate", feature: "Heart rate variability (HRV) charts" },
  respiratory_rate: { label: "Breathing rate", feature: "Breathing rate charts" },
  nutrition: { label: "Food and water", feature: "Nutrition: calories, macros, water and meals" },
  profile: { label: "Profile", feature: "Your name, photo, timezone and units" },
  settings: { label: "Devices", feature: "Device battery and last sync time" },
};

/** Splits Fitbit's space-separated scope string, keeping only scopes Nightly knows. */
export function parseGrantedScopes(scope: string | null | undefined): FitbitRequestedScope[] {
  const granted = new Set((scope ?? "").split(/[\s+,]+/).filter(Boolean));
  return FITBIT_REQUESTED_SCOPES.filter((name) => granted.has(name));
}

export function missingScopes(granted: readonly string[]): FitbitRequestedScope[] {
  return FITBIT_REQUESTED_SCOPES.filter((name) => !granted.includes(name));
}
