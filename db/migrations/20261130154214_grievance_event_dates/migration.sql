-- AlterTable
ALTER TABLE "Grievance" ADD COLUMN "meetingHeldOn" TEXT;
ALTER TABLE "Grievance" ADD COLUMN "stepReceivedOn" TEXT;

