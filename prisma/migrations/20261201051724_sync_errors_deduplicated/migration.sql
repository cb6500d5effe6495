-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "skipped" JSONB NOT NULL DEFAULT '[]';

-- AlterTable: rows recorded before de-duplication keep their own id as their fingerprint.
ALTER TABLE "SyncError" ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "occurrences" INTEGER NOT NULL DEFAULT 1;
UPDATE "SyncError" SET "fingerprint" = "id", "lastSeenAt" = "createdAt";
ALTER TABLE "SyncError" ALTER COLUMN "fingerprint" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "SyncError_userId_provider_fingerprint_key" ON "SyncError"("userId", "provider", "fingerprint");
