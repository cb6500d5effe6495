/**
 * Paired devices (§10.2): a tracker for everyone, plus an Aria scale for the steady sleeper.
 * Sync times and battery levels are pure functions of (person, now): the tracker syncs every few
 * minutes on a fixed per-person phase and drains over a charge cycle; the scale syncs after the
 * morning weigh-in.
 */
import type { DemoPerson } from "../types";
import { traitsOf } from "./lifestyle";
import { hashParts, rngFor } from "./prng";
import type { Device } from "./shapes";
import { formatLocal, localToUtc, MS_PER_DAY, MS_PER_MIN, utcToLocal } from "./time";

/** Battery words by level (UNCONFIRMED thresholds; the docs pair Medium with 60, High with 70). */
export function batteryWord(level: number): Device["battery"] {
  if (level > 60) return "High";
  if (level > 25) return "Medium";
  if (level > 5) return "Low";
  return "Empty";
}

function mac(person: DemoPerson, kind: string): string {
  const a = hashParts(person.seed, "mac", kind).toString(16).padStart(8, "0");
  const b = hashParts(person.seed, "mac2", kind).toString(16).padStart(8, "0").slice(0, 4);
  return (a + b).toUpperCase();
}

function deviceId(person: DemoPerson, kind: string): string {
  return String(100_000_000 + (hashParts(person.seed, "device", kind) % 900_000_000));
}

export function devicesFor(person: DemoPerson, nowMs: number): Device[] {
  const traits = traitsOf(person);
  const tz = person.timezone;
  // Last background sync: the latest tick of a per-person schedule at or before now, a few
  // seconds past the tick.
  const interval = traits.syncEveryMin * MS_PER_MIN;
  const phase = (hashParts(person.seed, "sync-phase") % (interval / 1000)) * 1000; // whole seconds: `.000`
  let tick = Math.floor((nowMs - phase) / interval);
  let sync = phase + tick * interval + rngFor(person.seed, "sync", tick).int(0, 59) * 1000;
  if (sync > nowMs) {
    tick -= 1;
    sync = phase + tick * interval + rngFor(person.seed, "sync", tick).int(0, 59) * 1000;
  }
  // The charge cycle: full at the start of each cycle, draining linearly to (nearly) empty; the
  // forgetful sparse wearer runs it flat.
  const cycle = traits.batteryDays * MS_PER_DAY;
  const cyclePhase = hashParts(person.seed, "charge") % cycle;
  const frac = ((((sync - cyclePhase) % cycle) + cycle) % cycle) / cycle;
  const floor = person.archetype === "sparse" ? 0 : 8;
  const level = Math.max(0, Math.round(100 - (100 - floor) * frac));
  const tracker: Device = {
    battery: batteryWord(level),
    batteryLevel: level,
    deviceVersion: traits.tracker,
    features: [],
    id: deviceId(person, "tracker"),
    lastSyncTime: formatLocal(utcToLocal(tz, sync)),
    mac: mac(person, "tracker"),
    type: "TRACKER",
  };
  if (!traits.hasScale) return [tracker];

  // Scale: weigh-in around 07:10 local each morning; before today's, yesterday's is the last.
  const localNow = utcToLocal(tz, nowMs);
  let day = Math.floor(localNow / MS_PER_DAY);
  const weighIn = (d: number) =>
    localToUtc(
      tz,
      d * MS_PER_DAY + (7 * 60 + rngFor(person.seed, "weigh-in", d).int(0, 25)) * MS_PER_MIN,
    );
  if (weighIn(day) > nowMs) day -= 1;
  const scaleSync = weighIn(day) + rngFor(person.seed, "weigh-in-s", day).int(5, 50) * 1000;
  const scaleLevel = 90 - (Math.floor(day / 30) % 6) * 12; // AA batteries: months per step
  const scale: Device = {
    battery: batteryWord(scaleLevel),
    batteryLevel: scaleLevel,
    deviceVersion: "Aria Air",
    id: deviceId(person, "scale"),
    lastSyncTime: formatLocal(utcToLocal(tz, Math.min(scaleSync, nowMs))),
    mac: mac(person, "scale"),
    type: "SCALE",
  };
  return [tracker, scale];
}
