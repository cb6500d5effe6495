/**
 * Test support: one stored sleep log with only what a query test cares about (stages or classic
 * minutes, main sleep or nap, provider, start); everything else is filled in consistently.
 */
import { randomUUID } from "node:crypto";
import type { db as appDb } from "../db/client";

export interface SleepLogRowOptions {
  provider?: string;
  main?: boolean;
  classic?: boolean;
  start?: string;
  asleep?: number;
  inBed?: number;
  /** Deep, light, REM and wake minutes of a stages log. */
  stages?: [number, number, number, number];
  levels?: unknown;
}

export function insertSleepLog(db: typeof appDb, userId: string, date: string, options: SleepLogRowOptions = {}) {
  const [deep, light, rem, wake] = options.stages ?? [80, 250, 90, 40];
  const classic = options.classic ?? false;
  const asleep = options.asleep ?? (classic ? 400 : deep + light + rem);
  const inBed = options.inBed ?? (classic ? asleep + 20 : asleep + wake);
  const start = options.start ?? `${date}T00:00:00.000`;
  return db.sleepLog.create({
    data: {
      userId,
      provider: options.provider ?? "fitbit",
      providerLogId: randomUUID(),
      dateOfSleep: new Date(`${date}T00:00:00Z`),
      startLocal: start,
      endLocal: start,
      startAt: new Date(`${start}Z`),
      endAt: new Date(`${start}Z`),
      startUtcOffsetMin: 0,
      endUtcOffsetMin: 0,
      durationMs: inBed * 60_000,
      isMainSleep: options.main ?? true,
      type: classic ? "CLASSIC" : "STAGES",
      logType: "auto_detected",
      infoCode: 0,
      efficiency: 99,
      minutesAsleep: asleep,
      minutesAwake: inBed - asleep,
      minutesToFallAsleep: 0,
      minutesAfterWakeup: 0,
      timeInBed: inBed,
      ...(classic ? { asleepMinutes: asleep, restlessMinutes: 15, awakeMinutes: 5 } : { deepMinutes: deep, lightMinutes: light, remMinutes: rem, wakeMinutes: wake }),
      levels: (options.levels ?? { data: [], shortData: [] }) as object,
    },
  });
}
