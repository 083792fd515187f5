-- CreateTable
CREATE TABLE "RebateAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subLocalCode" TEXT NOT NULL,
    "balanceCents" INTEGER NOT NULL DEFAULT 0,
    "entryCount" INTEGER NOT NULL DEFAULT 0,
    "autoStatement" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "postedOn" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "externalRef" TEXT,
    "correctsId" INTEGER,
    "recordedById" INTEGER,
    "recordedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateStatement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "requesterId" INTEGER,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "payee" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "neededBy" TEXT NOT NULL,
    "receiptUrl" TEXT,
    "status" TEXT NOT NULL,
    "cosignerId" INTEGER,
    "cosignedAt" DATETIME,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "reason" TEXT,
    "entryId" INTEGER,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateDispute" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "problem" TEXT NOT NULL,
    "expectedCents" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reviewerId" INTEGER,
    "reason" TEXT,
    "correctingEntryId" INTEGER,
    "lastActivityAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subjectType" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "note" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RebateChannel" (
    "platform" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "setById" INTEGER NOT NULL,
    "setAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RebateAccount_subLocalCode_key" ON "RebateAccount"("subLocalCode");

-- CreateIndex
CREATE UNIQUE INDEX "RebateEntry_externalRef_key" ON "RebateEntry"("externalRef");

-- CreateIndex
CREATE INDEX "RebateEntry_accountId_postedOn_amountCents_idx" ON "RebateEntry"("accountId", "postedOn", "amountCents");

-- CreateIndex
CREATE INDEX "RebateEntry_accountId_kind_postedOn_idx" ON "RebateEntry"("accountId", "kind", "postedOn");

-- CreateIndex
CREATE INDEX "RebateEntry_correctsId_idx" ON "RebateEntry"("correctsId");

-- CreateIndex
CREATE INDEX "RebateStatement_status_createdAt_idx" ON "RebateStatement"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RebateStatement_requesterId_idx" ON "RebateStatement"("requesterId");

-- CreateIndex
CREATE INDEX "RebateRequest_accountId_status_idx" ON "RebateRequest"("accountId", "status");

-- CreateIndex
CREATE INDEX "RebateRequest_status_createdAt_idx" ON "RebateRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RebateRequest_requesterId_idx" ON "RebateRequest"("requesterId");

-- CreateIndex
CREATE INDEX "RebateDispute_accountId_status_idx" ON "RebateDispute"("accountId", "status");

-- CreateIndex
CREATE INDEX "RebateDispute_status_lastActivityAt_idx" ON "RebateDispute"("status", "lastActivityAt");

-- CreateIndex
CREATE INDEX "RebateDispute_requesterId_idx" ON "RebateDispute"("requesterId");

-- CreateIndex
CREATE INDEX "RebateEvent_subjectType_subjectId_id_idx" ON "RebateEvent"("subjectType", "subjectId", "id");


-- Hand-written: the ledger is append-only and the running balance is kept by the database itself,
-- in the same statement as the entry, so the two cannot disagree.
CREATE TRIGGER "RebateEntry_running_balance" AFTER INSERT ON "RebateEntry"
BEGIN
  UPDATE "RebateAccount" SET "balanceCents" = "balanceCents" + NEW."amountCents", "entryCount" = "entryCount" + 1 WHERE "id" = NEW."accountId";
END;

CREATE TRIGGER "RebateEntry_no_update" BEFORE UPDATE ON "RebateEntry"
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are never changed: record an adjustment');
END;

CREATE TRIGGER "RebateEntry_no_delete" BEFORE DELETE ON "RebateEntry"
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are never deleted: record an adjustment');
END;
