-- AlterTable
ALTER TABLE "KbDocument" ADD COLUMN     "reviewDecidedAt" TIMESTAMP(3),
ADD COLUMN     "reviewDecidedById" INTEGER,
ADD COLUMN     "reviewDecidedFor" TEXT,
ADD COLUMN     "reviewDecision" TEXT;

