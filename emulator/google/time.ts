/**
 * Google's time conventions (reference §3.8): RFC 3339 UTC instants, offsets as protobuf
 * Durations ("-25200s"), civil date-times as {date:{year,month,day}, time:{hours,minutes,seconds}}
 * with proto3 JSON's rule that zero fields are left out (midnight is `time: {}`).
 */
import { createHash } from "node:crypto";
import { MS_PER_DAY, offsetAt, utcToLocal } from "../data/time";

/** `2026-09-26T04:09:00Z` (fractions only when there are some). */
export function rfc3339(utcMs: number): string {
  return new Date(utcMs).toISOString().replace(".000Z", "Z");
}

/** Microsecond timestamp like the live createTime values, deterministic from `label`. */
export function rfc3339Micros(utcMs: number, label: string): string {
  const micros = Number(BigInt(`0x${hash(label).slice(0, 12)}`) % 1_000_000n);
  const base = new Date(Math.floor(utcMs / 1000) * 1000).toISOString().slice(0, 19);
  return `${base}.${String(micros).padStart(6, "0")}Z`;
}

export function utcOffset(timeZone: string, utcMs: number): string {
  return `${offsetAt(timeZone, utcMs) / 1000}s`;
}

export interface GoogleDate {
  year: number;
  month: number;
  day: number;
}

export function googleDate(day: number): GoogleDate {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function dayOfGoogleDate(date: GoogleDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

/** A wall-clock reading (localMs, see data/time.ts) as a CivilDateTime. */
export function civilFromLocal(localMs: number) {
  const d = new Date(localMs);
  const time: Record<string, number> = {};
  if (d.getUTCHours() !== 0) time.hours = d.getUTCHours();
  if (d.getUTCMinutes() !== 0) time.minutes = d.getUTCMinutes();
  if (d.getUTCSeconds() !== 0) time.seconds = d.getUTCSeconds();
  return { date: googleDate(Math.floor(localMs / MS_PER_DAY)), time };
}

export function civilAt(timeZone: string, utcMs: number) {
  return civilFromLocal(utcToLocal(timeZone, utcMs));
}

export function hash(label: string): string {
  return createHash("sha256").update(label).digest("hex");
}

/** A stable 19-digit data point id (like the live `…/dataPoints/8808518358174752984`). */
export function pointId(label: string): string {
  const n = BigInt(`0x${hash(label).slice(0, 16)}`) % 9_000_000_000_000_000_000n;
  return (n + 1_000_000_000_000_000_000n).toString();
}

/** A session interval. `civil` adds the output-only civil times (not on sleep, per the capture). */
export function sessionInterval(
  timeZone: string,
  startUtc: number,
  endUtc: number,
  civil: boolean,
) {
  const interval: Record<string, unknown> = {
    startTime: rfc3339(startUtc),
    startUtcOffset: utcOffset(timeZone, startUtc),
    endTime: rfc3339(endUtc),
    endUtcOffset: utcOffset(timeZone, endUtc),
  };
  if (civil) {
    interval.civilStartTime = civilAt(timeZone, startUtc);
    interval.civilEndTime = civilAt(timeZone, endUtc);
  }
  return interval;
}

export function sampleTime(timeZone: string, utcMs: number) {
  return {
    physicalTime: rfc3339(utcMs),
    utcOffset: utcOffset(timeZone, utcMs),
    civilTime: civilAt(timeZone, utcMs),
  };
}
