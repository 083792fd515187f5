-- AlterTable
ALTER TABLE "KbDocument" ADD COLUMN "translationOf" INTEGER;

-- CreateIndex
CREATE INDEX "KbDocument_translationOf_idx" ON "KbDocument"("translationOf");

