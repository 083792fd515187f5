-- AlterTable
ALTER TABLE "TrainingModule" ADD COLUMN "translationOf" TEXT;

