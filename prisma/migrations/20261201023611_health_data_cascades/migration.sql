-- Health data and sync bookkeeping belong to a person: deleting the person deletes them.
-- Rows left behind by people deleted before this migration are removed first.
DELETE FROM "SleepLog" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "HrvDaily" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "HrvIntraday" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "BreathingRateDaily" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "NutritionDaily" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "FoodLogEntry" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "Device" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "SyncState" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");
DELETE FROM "SyncError" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");

-- AddForeignKey
ALTER TABLE "SleepLog" ADD CONSTRAINT "SleepLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HrvDaily" ADD CONSTRAINT "HrvDaily_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HrvIntraday" ADD CONSTRAINT "HrvIntraday_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreathingRateDaily" ADD CONSTRAINT "BreathingRateDaily_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NutritionDaily" ADD CONSTRAINT "NutritionDaily_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FoodLogEntry" ADD CONSTRAINT "FoodLogEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncState" ADD CONSTRAINT "SyncState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncError" ADD CONSTRAINT "SyncError_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

