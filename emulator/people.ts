import type { DemoPerson } from "./types";

/**
 * The demo people. Deterministic: the same seed always yields the same history.
 * Each stands for a different life so the dashboard's edge cases show up in the demo.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    encodedId: "7QSTDY",
    displayName: "Ada",
    firstName: "Ada",
    lastName: "Steady",
    timezone: "Europe/London",
    memberSince: "2019-03-02",
    dateOfBirth: "1988-06-14",
    gender: "FEMALE",
    locale: "en_GB",
    heightCm: 168.0,
    weightKg: 61.5,
    blurb: "Steady sleeper: in bed by 23:00, up at 07:00, logs every meal.",
    archetype: "steady",
    seed: 1001,
  },
  {
    encodedId: "8SHFTW",
    displayName: "Sam",
    firstName: "Sam",
    lastName: "Shift",
    timezone: "America/Chicago",
    memberSince: "2020-11-20",
    dateOfBirth: "1991-02-03",
    gender: "MALE",
    locale: "en_US",
    heightCm: 180.3,
    weightKg: 84.2,
    blurb: "Shift worker: rotating day and night shifts, naps in the afternoon.",
    archetype: "shift_worker",
    seed: 2002,
  },
  {
    encodedId: "9SPRSE",
    displayName: "Riley",
    firstName: "Riley",
    lastName: "Sparse",
    timezone: "Asia/Tokyo",
    memberSince: "2021-07-09",
    dateOfBirth: "1979-10-30",
    gender: "NA",
    locale: "ja_JP",
    heightCm: 172.0,
    weightKg: 70.0,
    blurb: "Sparse wearer: often forgets the tracker; older nights are classic logs.",
    archetype: "sparse",
    seed: 3003,
  },
  {
    encodedId: "6DSTNY",
    displayName: "Dana",
    firstName: "Dana",
    lastName: "Daylight",
    timezone: "America/New_York",
    memberSince: "2018-01-15",
    dateOfBirth: "1985-12-01",
    gender: "FEMALE",
    locale: "en_US",
    heightCm: 163.5,
    weightKg: 58.9,
    blurb: "Lives across daylight-saving changes; late heavy dinners now and then.",
    archetype: "dst_traveller",
    seed: 4004,
  },
] as const;

export function findPerson(encodedId: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.encodedId === encodedId);
}
