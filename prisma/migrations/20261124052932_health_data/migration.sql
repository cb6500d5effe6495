-- CreateEnum
CREATE TYPE "SleepLogType" AS ENUM ('STAGES', 'CLASSIC');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('IDLE', 'QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT', 'BACKING_OFF', 'ERROR');

-- CreateTable
CREATE TABLE "SleepLog" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerLogId" TEXT NOT NULL,
    "dateOfSleep" DATE NOT NULL,
    "startLocal" TEXT NOT NULL,
    "endLocal" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "startUtcOffsetMin" INTEGER NOT NULL,
    "endUtcOffsetMin" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "isMainSleep" BOOLEAN NOT NULL,
    "type" "SleepLogType" NOT NULL,
    "logType" TEXT NOT NULL,
    "infoCode" INTEGER NOT NULL,
    "efficiency" INTEGER NOT NULL,
    "minutesAsleep" INTEGER NOT NULL,
    "minutesAwake" INTEGER NOT NULL,
    "minutesToFallAsleep" INTEGER NOT NULL,
    "minutesAfterWakeup" INTEGER NOT NULL,
    "timeInBed" INTEGER NOT NULL,
    "deepMinutes" INTEGER,
    "lightMinutes" INTEGER,
    "remMinutes" INTEGER,
    "wakeMinutes" INTEGER,
    "asleepMinutes" INTEGER,
    "restlessMinutes" INTEGER,
    "awakeMinutes" INTEGER,
    "thirtyDayAvgMinutes" JSONB,
    "levels" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SleepLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HrvDaily" (
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "dailyRmssd" DOUBLE PRECISION NOT NULL,
    "deepRmssd" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HrvDaily_pkey" PRIMARY KEY ("userId","provider","date")
);

-- CreateTable
CREATE TABLE "HrvIntraday" (
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "readings" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HrvIntraday_pkey" PRIMARY KEY ("userId","provider","date")
);

-- CreateTable
CREATE TABLE "BreathingRateDaily" (
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "fullSleep" DOUBLE PRECISION,
    "deepSleep" DOUBLE PRECISION,
    "lightSleep" DOUBLE PRECISION,
    "remSleep" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreathingRateDaily_pkey" PRIMARY KEY ("userId","provider","date")
);

-- CreateTable
CREATE TABLE "NutritionDaily" (
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "caloriesIn" INTEGER NOT NULL,
    "waterMl" DOUBLE PRECISION NOT NULL,
    "carbsG" DOUBLE PRECISION,
    "fatG" DOUBLE PRECISION,
    "fiberG" DOUBLE PRECISION,
    "proteinG" DOUBLE PRECISION,
    "sodiumMg" DOUBLE PRECISION,
    "calorieGoal" INTEGER,
    "foodLogFetched" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NutritionDaily_pkey" PRIMARY KEY ("userId","provider","date")
);

-- CreateTable
CREATE TABLE "FoodLogEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerLogId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "mealTypeId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "amount" DOUBLE PRECISION NOT NULL,
    "unitName" TEXT NOT NULL,
    "calories" DOUBLE PRECISION NOT NULL,
    "carbsG" DOUBLE PRECISION,
    "fatG" DOUBLE PRECISION,
    "fiberG" DOUBLE PRECISION,
    "proteinG" DOUBLE PRECISION,
    "sodiumMg" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FoodLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerDeviceId" TEXT NOT NULL,
    "deviceVersion" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "battery" TEXT NOT NULL,
    "batteryLevel" INTEGER,
    "lastSyncLocal" TEXT NOT NULL,
    "lastSyncAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'IDLE',
    "phase" TEXT,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "unavailable" JSONB NOT NULL DEFAULT '{}',
    "rateLimitLimit" INTEGER,
    "rateLimitRemaining" INTEGER,
    "rateLimitResetAt" TIMESTAMP(3),
    "requestsUsed" INTEGER NOT NULL DEFAULT 0,
    "lastSyncStartedAt" TIMESTAMP(3),
    "lastSyncCompletedAt" TIMESTAMP(3),
    "recentCompletedAt" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SyncError" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncError_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SleepLog_userId_dateOfSleep_idx" ON "SleepLog"("userId", "dateOfSleep");

-- CreateIndex
CREATE UNIQUE INDEX "SleepLog_userId_provider_providerLogId_key" ON "SleepLog"("userId", "provider", "providerLogId");

-- CreateIndex
CREATE INDEX "FoodLogEntry_userId_date_idx" ON "FoodLogEntry"("userId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "FoodLogEntry_userId_provider_providerLogId_key" ON "FoodLogEntry"("userId", "provider", "providerLogId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_userId_provider_providerDeviceId_key" ON "Device"("userId", "provider", "providerDeviceId");

-- CreateIndex
CREATE INDEX "SyncError_userId_createdAt_idx" ON "SyncError"("userId", "createdAt");

