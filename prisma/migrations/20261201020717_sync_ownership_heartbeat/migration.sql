-- AlterEnum
ALTER TYPE "SyncStatus" ADD VALUE 'INTERRUPTED';

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "runId" TEXT;

-- CreateTable
CREATE TABLE "TokenRefreshInFlight" (
    "connectionId" TEXT NOT NULL,
    "fromVersion" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenRefreshInFlight_pkey" PRIMARY KEY ("connectionId")
);

-- AddForeignKey
ALTER TABLE "TokenRefreshInFlight" ADD CONSTRAINT "TokenRefreshInFlight_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "ProviderConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

