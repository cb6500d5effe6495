-- AlterTable
ALTER TABLE "ProviderConnection" ADD COLUMN     "legacyUserId" TEXT;

-- AlterTable
ALTER TABLE "SyncState" DROP CONSTRAINT "SyncState_pkey",
ADD CONSTRAINT "SyncState_pkey" PRIMARY KEY ("userId", "provider");

-- CreateIndex
CREATE INDEX "SyncError_userId_provider_createdAt_idx" ON "SyncError"("userId", "provider", "createdAt");

