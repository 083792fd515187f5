-- AlterTable
ALTER TABLE "KbDocument" ADD COLUMN "reviewDecidedAt" DATETIME;
ALTER TABLE "KbDocument" ADD COLUMN "reviewDecidedById" INTEGER;
ALTER TABLE "KbDocument" ADD COLUMN "reviewDecidedFor" TEXT;
ALTER TABLE "KbDocument" ADD COLUMN "reviewDecision" TEXT;

