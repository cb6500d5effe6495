/**
 * The demo people as Google accounts. Each Fitbit demo person is also a Google account whose
 * Health profile holds the same synthetic history (emulator/data), so both APIs tell the same
 * story. One more person, Noor, never had a Fitbit account: a Pixel Watch owner whose
 * `legacyUserId` is empty, who exists only on the Google side and whose history has a stretch
 * without the watch (pages of sleep with nothing in them).
 */
import { createHash } from "node:crypto";
import { DEMO_PEOPLE } from "../people";
import { parseDay } from "../data/time";
import type { DemoPerson } from "../types";

export interface GooglePerson {
  person: DemoPerson;
  /** `users/me/identity` healthUserId: 19 digits, like the live samples. */
  healthUserId: string;
  /** The Fitbit encoded id, or "" for someone who never had Fitbit. */
  legacyUserId: string;
  /** OpenID `sub`: the Google account id, deliberately not the healthUserId. */
  sub: string;
  email: string;
  /** Tracker or watch the device-derived data comes from. */
  device: string;
  /** Calendar days (inclusive) when no device was worn: no sleep, HRV or breathing rate. */
  noWear: { from: number; to: number } | null;
}

function digits(label: string, length: number): string {
  const hex = createHash("sha256").update(label).digest("hex");
  const n = BigInt(`0x${hex.slice(0, 16)}`) % 10n ** BigInt(length - 1);
  return `1${n.toString().padStart(length - 1, "0")}`;
}

const TRACKERS: Record<DemoPerson["archetype"], string> = {
  steady: "Charge 6",
  shift_worker: "Versa 4",
  sparse: "Inspire 3",
  dst_traveller: "Sense 2",
};

/** Noor: Google-only (no Fitbit id). Her watch went for repair for 40 days last spring. */
export const NOOR: DemoPerson = {
  encodedId: "GNOFIT",
  displayName: "Noor",
  firstName: "Noor",
  lastName: "Pixel",
  timezone: "America/Los_Angeles",
  memberSince: "2025-09-15",
  dateOfBirth: "1994-04-22",
  gender: "FEMALE",
  locale: "en_US",
  heightCm: 165.0,
  weightKg: 60.2,
  blurb:
    "New to Google Health with a Pixel Watch (never had Fitbit); 40 days without it in spring.",
  archetype: "steady",
  seed: 5005,
};

function googlePerson(person: DemoPerson, fitbit: boolean): GooglePerson {
  const gap =
    person === NOOR ? { from: parseDay("2026-04-01")!, to: parseDay("2026-05-10")! } : null;
  return {
    person,
    healthUserId: digits(`health-user:${person.seed}`, 19),
    legacyUserId: fitbit ? person.encodedId : "",
    sub: digits(`google-sub:${person.seed}`, 21),
    email: `${person.firstName}.${person.lastName}@example.com`.toLowerCase(),
    device: fitbit ? TRACKERS[person.archetype] : "Pixel Watch 3",
    noWear: gap,
  };
}

export const GOOGLE_PEOPLE: readonly GooglePerson[] = [
  ...DEMO_PEOPLE.map((p) => googlePerson(p, true)),
  googlePerson(NOOR, false),
];

/** By healthUserId, Fitbit encoded id, or Noor's internal id. */
export function findGooglePerson(id: string): GooglePerson | undefined {
  return GOOGLE_PEOPLE.find((g) => g.healthUserId === id || g.person.encodedId === id);
}

/** Whether a device was worn on `day` (device-derived data exists only then). */
export function worn(g: GooglePerson, day: number): boolean {
  return !g.noWear || day < g.noWear.from || day > g.noWear.to;
}
