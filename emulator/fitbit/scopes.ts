/**
 * Scope metadata: consent-page wording (reference §2) and the abbreviations real access tokens
 * carry in their JWT `scopes` claim (reference §1.6).
 */
import { FITBIT_SCOPES, type FitbitScope } from "../types";

/** Human descriptions shown next to each checkbox on the consent page. */
export const SCOPE_DESCRIPTIONS: Record<FitbitScope, string> = {
  activity: "Steps, distance, calories burned, active minutes and exercise logs",
  cardio_fitness: "Cardio fitness score (VO2 max)",
  electrocardiogram: "ECG readings taken on your device",
  heartrate: "Heart rate and heart rate variability",
  irregular_rhythm_notifications: "Irregular rhythm notifications",
  location: "GPS and location data",
  nutrition: "Food and water logs, calorie goals",
  oxygen_saturation: "Blood oxygen saturation (SpO2)",
  profile: "Name, photo, time zone and other basic profile information",
  respiratory_rate: "Breathing rate during sleep",
  settings: "Devices, alarms and account settings",
  sleep: "Sleep logs, stages and sleep goals",
  social: "Friends and leaderboard",
  temperature: "Skin and core temperature",
  weight: "Weight, BMI, body fat and weight goals",
};

/**
 * JWT `scopes` abbreviations. act, hr, loc, nut, pro, sle, set, soc, wei are seen in real tokens;
 * the others are UNCONFIRMED guesses (clients treat the token as opaque anyway).
 */
const ABBREVIATIONS: Record<FitbitScope, string> = {
  activity: "act",
  cardio_fitness: "cf",
  electrocardiogram: "ecg",
  heartrate: "hr",
  irregular_rhythm_notifications: "irn",
  location: "loc",
  nutrition: "nut",
  oxygen_saturation: "oxy",
  profile: "pro",
  respiratory_rate: "res",
  settings: "set",
  sleep: "sle",
  social: "soc",
  temperature: "tem",
  weight: "wei",
};

export function isFitbitScope(value: string): value is FitbitScope {
  return (FITBIT_SCOPES as readonly string[]).includes(value);
}

/** `r` prefix: the emulator serves read-only apps (it implements no write endpoints). */
export function jwtScopes(scopes: readonly FitbitScope[]): string {
  return scopes.map((s) => `r${ABBREVIATIONS[s]}`).join(" ");
}

/** Introspection's map-like rendering, e.g. `{SLEEP=READ, HEARTRATE=READ}`. */
export function introspectScopes(scopes: readonly FitbitScope[]): string {
  return `{${scopes.map((s) => `${s.toUpperCase()}=READ`).join(", ")}}`;
}
