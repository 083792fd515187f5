-- CreateTable
CREATE TABLE "ProjectUpdateRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "updateId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "gradeLevel" REAL,
    "editedById" INTEGER,
    "editedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProjectDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "authorId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    "supersededAt" DATETIME,
    "publishedAt" DATETIME,
    "publishedUpdateId" INTEGER
);

-- AlterTable (columns added in place: the updates already published keep their rows and ids)
ALTER TABLE "ProjectUpdate" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ProjectUpdate" ADD COLUMN "correctedAt" DATETIME;
ALTER TABLE "ProjectUpdate" ADD COLUMN "correctedById" INTEGER;
ALTER TABLE "ProjectUpdate" ADD COLUMN "correctionNote" TEXT;
ALTER TABLE "ProjectUpdate" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "ProjectUpdate" ADD COLUMN "withdrawnById" INTEGER;
ALTER TABLE "ProjectUpdate" ADD COLUMN "withdrawnReason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ProjectUpdateRevision_updateId_revision_key" ON "ProjectUpdateRevision"("updateId", "revision");

-- CreateIndex
CREATE INDEX "ProjectDraft_authorId_supersededAt_idx" ON "ProjectDraft"("authorId", "supersededAt");

