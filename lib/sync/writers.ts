import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateColumn } from "@/lib/providers/local-time";
import type {
  BreathingRateRow,
  DeviceRow,
  FoodDayTotals,
  FoodEntryRow,
  HrvDailyRow,
  HrvIntradayRow,
  NutritionSeriesRow,
  SleepLogRow,
} from "@/lib/providers/model";
import type { Batch, DayRange } from "@/lib/providers/types";

/**
 * Writes of one chunk, inside the chunk's transaction (the engine commits the progress in the
 * same transaction, so a chunk is either fully stored and counted, or not at all). Every write
 * is an upsert on the table's unique key, and a fetched range replaces what we had for it:
 * rows the provider no longer returns for those dates (a deleted nap, a removed meal) go.
 * Every row carries its provider and the provider's own id: a provider only ever replaces its
 * own rows.
 */
export type Tx = Prisma.TransactionClient;

/** Stores one normalized batch of `provider`'s data for `userId`. */
export async function writeBatch(tx: Tx, userId: string, provider: string, batch: Batch): Promise<void> {
  switch (batch.kind) {
    case "sleep":
      return writeSleepLogs(tx, userId, provider, batch.range, batch.rows);
    case "hrv":
      return writeHrvDaily(tx, userId, provider, batch.range, batch.rows);
    case "hrvIntraday":
      return writeHrvIntraday(tx, userId, provider, batch.range, batch.rows);
    case "br":
      return writeBreathingRate(tx, userId, provider, batch.range, batch.rows);
    case "nutritionSeries":
      await writeNutritionSeries(tx, userId, provider, batch.range, batch.rows);
      return;
    case "foodDay":
      return writeFoodDay(tx, userId, provider, batch.day, batch.totals, batch.entries);
    case "devices":
      return writeDevices(tx, userId, provider, batch.rows);
  }
}

function dateRange(range: DayRange) {
  return { gte: dateColumn(range.start), lte: dateColumn(range.end) };
}

export async function writeSleepLogs(
  tx: Tx,
  userId: string,
  provider: string,
  range: DayRange,
  rows: SleepLogRow[],
): Promise<void> {
  await tx.sleepLog.deleteMany({
    where: {
      userId,
      provider,
      dateOfSleep: dateRange(range),
      providerLogId: { notIn: rows.map((r) => r.providerLogId) },
    },
  });
  for (const row of rows) {
    const data = { ...row, thirtyDayAvgMinutes: row.thirtyDayAvgMinutes ?? undefined };
    await tx.sleepLog.upsert({
      where: {
        userId_provider_providerLogId: {
          userId,
          provider,
          providerLogId: row.providerLogId,
        },
      },
      create: { userId, provider, ...data },
      update: data,
    });
  }
}

export async function writeHrvDaily(
  tx: Tx,
  userId: string,
  provider: string,
  range: DayRange,
  rows: HrvDailyRow[],
): Promise<void> {
  await tx.hrvDaily.deleteMany({
    where: {
      userId,
      provider,
      date: { ...dateRange(range), notIn: rows.map((r) => r.date) },
    },
  });
  for (const row of rows) {
    await tx.hrvDaily.upsert({
      where: { userId_provider_date: { userId, provider, date: row.date } },
      create: { userId, provider, ...row },
      update: row,
    });
  }
}

export async function writeHrvIntraday(
  tx: Tx,
  userId: string,
  provider: string,
  range: DayRange,
  rows: HrvIntradayRow[],
): Promise<void> {
  await tx.hrvIntraday.deleteMany({
    where: {
      userId,
      provider,
      date: { ...dateRange(range), notIn: rows.map((r) => r.date) },
    },
  });
  for (const row of rows) {
    const data = { readings: row.readings as unknown as Prisma.InputJsonValue };
    await tx.hrvIntraday.upsert({
      where: { userId_provider_date: { userId, provider, date: row.date } },
      create: { userId, provider, date: row.date, ...data },
      update: data,
    });
  }
}

export async function writeBreathingRate(
  tx: Tx,
  userId: string,
  provider: string,
  range: DayRange,
  rows: BreathingRateRow[],
): Promise<void> {
  await tx.breathingRateDaily.deleteMany({
    where: {
      userId,
      provider,
      date: { ...dateRange(range), notIn: rows.map((r) => r.date) },
    },
  });
  for (const row of rows) {
    await tx.breathingRateDaily.upsert({
      where: { userId_provider_date: { userId, provider, date: row.date } },
      create: { userId, provider, ...row },
      update: row,
    });
  }
}

/**
 * Series days. A day whose calories or water changed since we last saw it gets its food log
 * fetched again (`foodLogFetched = false`); unchanged days keep their macros and meals.
 */
export async function writeNutritionSeries(
  tx: Tx,
  userId: string,
  provider: string,
  range: DayRange,
  rows: NutritionSeriesRow[],
): Promise<number> {
  const existing = await tx.nutritionDaily.findMany({
    where: { userId, provider, date: dateRange(range) },
    select: { date: true, caloriesIn: true, waterMl: true },
  });
  const known = new Map(existing.map((e) => [e.date.toISOString().slice(0, 10), e]));
  let changed = 0;
  for (const row of rows) {
    const before = known.get(row.day);
    if (before && before.caloriesIn === row.caloriesIn && before.waterMl === row.waterMl) continue;
    changed++;
    const cleared = row.caloriesIn === 0;
    const data = {
      caloriesIn: row.caloriesIn,
      waterMl: row.waterMl,
      foodLogFetched: false,
      ...(cleared
        ? { carbsG: null, fatG: null, fiberG: null, proteinG: null, sodiumMg: null }
        : {}),
    };
    await tx.nutritionDaily.upsert({
      where: { userId_provider_date: { userId, provider, date: row.date } },
      create: { userId, provider, date: row.date, ...data },
      update: data,
    });
    if (cleared && before)
      await tx.foodLogEntry.deleteMany({ where: { userId, provider, date: row.date } });
  }
  return changed;
}

export async function writeFoodDay(
  tx: Tx,
  userId: string,
  provider: string,
  day: string,
  totals: FoodDayTotals,
  entries: FoodEntryRow[],
): Promise<void> {
  const date = dateColumn(day);
  await tx.foodLogEntry.deleteMany({
    where: {
      userId,
      provider,
      date,
      providerLogId: { notIn: entries.map((e) => e.providerLogId) },
    },
  });
  for (const entry of entries) {
    await tx.foodLogEntry.upsert({
      where: {
        userId_provider_providerLogId: {
          userId,
          provider,
          providerLogId: entry.providerLogId,
        },
      },
      create: { userId, provider, ...entry },
      update: entry,
    });
  }
  await tx.nutritionDaily.update({
    where: { userId_provider_date: { userId, provider, date } },
    data: { ...totals, foodLogFetched: true },
  });
}

/** A food day the run gave up on: marked as fetched so it is not picked up again and again. */
export async function markFoodDaySkipped(tx: Tx, userId: string, provider: string, day: string): Promise<void> {
  await tx.nutritionDaily.updateMany({
    where: { userId, provider, date: dateColumn(day) },
    data: { foodLogFetched: true },
  });
}

export async function writeDevices(tx: Tx, userId: string, provider: string, rows: DeviceRow[]): Promise<void> {
  await tx.device.deleteMany({
    where: {
      userId,
      provider,
      providerDeviceId: { notIn: rows.map((r) => r.providerDeviceId) },
    },
  });
  for (const row of rows) {
    await tx.device.upsert({
      where: {
        userId_provider_providerDeviceId: {
          userId,
          provider,
          providerDeviceId: row.providerDeviceId,
        },
      },
      create: { userId, provider, ...row },
      update: row,
    });
  }
}
