-- CreateTable
CREATE TABLE "ContactAgreement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" INTEGER
);

-- CreateTable
CREATE TABLE "ContactAgreementAck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "acknowledgedAt" DATETIME NOT NULL,
    "platform" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ContactRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requesterId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "campaign" TEXT,
    "campaignDetail" TEXT,
    "purpose" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "route" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ContactGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "granteeId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "campaign" TEXT,
    "campaignDetail" TEXT,
    "purpose" TEXT NOT NULL,
    "approvedById" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "remindedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ContactAccess" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "grantId" INTEGER NOT NULL,
    "viewerId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shown" INTEGER NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LeadershipSeat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "body" TEXT NOT NULL,
    "bodyKey" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "title" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME
);

-- CreateTable
CREATE TABLE "VendorExport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "agreementRef" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "fields" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ContactAgreement_version_key" ON "ContactAgreement"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ContactAgreementAck_personId_version_key" ON "ContactAgreementAck"("personId", "version");

-- CreateIndex
CREATE INDEX "ContactRequest_requesterId_status_idx" ON "ContactRequest"("requesterId", "status");

-- CreateIndex
CREATE INDEX "ContactRequest_status_idx" ON "ContactRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ContactGrant_requestId_key" ON "ContactGrant"("requestId");

-- CreateIndex
CREATE INDEX "ContactGrant_granteeId_expiresAt_idx" ON "ContactGrant"("granteeId", "expiresAt");

-- CreateIndex
CREATE INDEX "ContactGrant_expiresAt_remindedAt_idx" ON "ContactGrant"("expiresAt", "remindedAt");

-- CreateIndex
CREATE INDEX "ContactAccess_scopeType_scopeId_at_idx" ON "ContactAccess"("scopeType", "scopeId", "at");

-- CreateIndex
CREATE INDEX "ContactAccess_grantId_idx" ON "ContactAccess"("grantId");

-- CreateIndex
CREATE INDEX "LeadershipSeat_bodyKey_endsAt_idx" ON "LeadershipSeat"("bodyKey", "endsAt");

