import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Deletes everything Nightly synced from a person's providers — nights, HRV, breathing, food,
 * devices, sync bookkeeping — in the caller's transaction. The person's account, role and study
 * enrolments stay: an administrator chose to delete the data, not the person.
 */
export async function deleteSyncedData(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const where = { userId };
  // One after another: an interactive transaction is one connection.
  let deleted = 0;
  deleted += (await tx.sleepLog.deleteMany({ where })).count;
  deleted += (await tx.hrvDaily.deleteMany({ where })).count;
  deleted += (await tx.hrvIntraday.deleteMany({ where })).count;
  deleted += (await tx.breathingRateDaily.deleteMany({ where })).count;
  deleted += (await tx.nutritionDaily.deleteMany({ where })).count;
  deleted += (await tx.foodLogEntry.deleteMany({ where })).count;
  deleted += (await tx.device.deleteMany({ where })).count;
  deleted += (await tx.syncError.deleteMany({ where })).count;
  deleted += (await tx.syncState.deleteMany({ where })).count;
  return deleted;
}
