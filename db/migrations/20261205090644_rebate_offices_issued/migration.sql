-- AlterTable
ALTER TABLE "RebateStatement" ADD COLUMN "closesThrough" TEXT;
ALTER TABLE "RebateStatement" ADD COLUMN "figures" TEXT;
ALTER TABLE "RebateStatement" ADD COLUMN "issuedAt" DATETIME;
ALTER TABLE "RebateStatement" ADD COLUMN "reason" TEXT;

-- AlterTable
ALTER TABLE "RebateRequest" ADD COLUMN "cosignerOffice" TEXT;
ALTER TABLE "RebateRequest" ADD COLUMN "requesterOffice" TEXT;

-- CreateIndex
CREATE INDEX "RebateStatement_accountId_closesThrough_idx" ON "RebateStatement"("accountId", "closesThrough");


-- Hand-written: a statement, once issued, never changes.
CREATE TRIGGER "RebateStatement_issued_frozen" BEFORE UPDATE ON "RebateStatement"
WHEN OLD."figures" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'an issued statement never changes');
END;

-- Hand-written: nothing is posted into a period an issued statement has closed.
CREATE TRIGGER "RebateEntry_closed_period" BEFORE INSERT ON "RebateEntry"
WHEN EXISTS (SELECT 1 FROM "RebateStatement" WHERE "accountId" = NEW."accountId" AND "closesThrough" >= NEW."postedOn")
BEGIN
  SELECT RAISE(ABORT, 'closed period');
END;

-- Hand-written: requests filed before offices were recorded take the office their requester held
-- when filing (president or treasurer of the request's sub-local).
UPDATE "RebateRequest" SET "requesterOffice" = (
  SELECT ra."office" FROM "RoleAssignment" ra JOIN "RebateAccount" a ON a."subLocalCode" = ra."scopeId"
  WHERE a."id" = "RebateRequest"."accountId" AND ra."personId" = "RebateRequest"."requesterId" AND ra."role" = 'sublocal_officer'
    AND ra."scopeType" = 'sublocal' AND ra."office" IN ('president', 'treasurer') AND ra."startsAt" <= "RebateRequest"."createdAt"
  ORDER BY ra."id" DESC LIMIT 1)
WHERE "requesterOffice" IS NULL;
