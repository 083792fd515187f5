-- AlterTable
ALTER TABLE "ScheduledJob" ADD COLUMN "createdById" INTEGER;
ALTER TABLE "ScheduledJob" ADD COLUMN "delivered" TEXT;
ALTER TABLE "ScheduledJob" ADD COLUMN "messageId" TEXT;
ALTER TABLE "ScheduledJob" ADD COLUMN "personId" INTEGER;

-- AlterTable
ALTER TABLE "RecurringRule" ADD COLUMN "personId" INTEGER;

