-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "lastPushSyncAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PushNotification" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "providerUserId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "intervals" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL DEFAULT 'queued',
    "userId" TEXT,
    "requests" INTEGER,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "PushNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PushNotification_bodyHash_key" ON "PushNotification"("bodyHash");

-- CreateIndex
CREATE INDEX "PushNotification_provider_receivedAt_idx" ON "PushNotification"("provider", "receivedAt");

