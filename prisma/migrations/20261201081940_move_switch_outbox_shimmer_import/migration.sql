-- AlterTable
ALTER TABLE "ProviderConnection" ADD COLUMN     "moveNotifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeploymentSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeploymentSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportedAuthorization" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "stateKey" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "clientRedirectUrl" TEXT NOT NULL,
    "linkTokenHash" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "scopes" TEXT[],
    "requestEnc" TEXT,
    "studyId" TEXT,
    "importId" TEXT NOT NULL,
    "importedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "userId" TEXT,
    "reauthorizedAt" TIMESTAMP(3),

    CONSTRAINT "ImportedAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_createdAt_idx" ON "OutboxMessage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportedAuthorization_username_key" ON "ImportedAuthorization"("username");

-- CreateIndex
CREATE UNIQUE INDEX "ImportedAuthorization_linkTokenHash_key" ON "ImportedAuthorization"("linkTokenHash");

-- CreateIndex
CREATE INDEX "ImportedAuthorization_importId_idx" ON "ImportedAuthorization"("importId");

-- CreateIndex
CREATE INDEX "ImportedAuthorization_userId_idx" ON "ImportedAuthorization"("userId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportedAuthorization" ADD CONSTRAINT "ImportedAuthorization_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportedAuthorization" ADD CONSTRAINT "ImportedAuthorization_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

