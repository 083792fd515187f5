-- CreateTable
CREATE TABLE "OfficerElection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "nominationsOpen" TEXT NOT NULL,
    "ballotCloses" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ElectionCandidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "electionId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "office" TEXT,
    "addedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ElectionCandidate_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "OfficerElection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ContactRequest" (
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
    "flags" TEXT NOT NULL DEFAULT '{}',
    "attestedAt" DATETIME,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_ContactRequest" ("campaign", "campaignDetail", "createdAt", "days", "decidedAt", "decidedById", "id", "justification", "purpose", "requesterId", "route", "scopeId", "scopeType", "status") SELECT "campaign", "campaignDetail", "createdAt", "days", "decidedAt", "decidedById", "id", "justification", "purpose", "requesterId", "route", "scopeId", "scopeType", "status" FROM "ContactRequest";
DROP TABLE "ContactRequest";
ALTER TABLE "new_ContactRequest" RENAME TO "ContactRequest";
CREATE INDEX "ContactRequest_requesterId_status_idx" ON "ContactRequest"("requesterId", "status");
CREATE INDEX "ContactRequest_status_idx" ON "ContactRequest"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OfficerElection_ballotCloses_idx" ON "OfficerElection"("ballotCloses");

-- CreateIndex
CREATE INDEX "ElectionCandidate_personId_idx" ON "ElectionCandidate"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ElectionCandidate_electionId_personId_key" ON "ElectionCandidate"("electionId", "personId");

