-- AlterTable
ALTER TABLE "ProviderConnection" ADD COLUMN     "movedAt" TIMESTAMP(3);

