-- CreateTable
CREATE TABLE "ProjectUpdateTranslation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "updateId" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProjectUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "gradeLevel" REAL,
    "authorId" INTEGER,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "postedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "correctedAt" DATETIME,
    "correctedById" INTEGER,
    "correctionNote" TEXT,
    "withdrawnAt" DATETIME,
    "withdrawnById" INTEGER,
    "withdrawnReason" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "generated" TEXT
);
INSERT INTO "new_ProjectUpdate" ("authorId", "automatic", "correctedAt", "correctedById", "correctionNote", "details", "gradeLevel", "id", "milestoneKey", "phase", "postedAt", "revision", "summary", "title", "withdrawnAt", "withdrawnById", "withdrawnReason") SELECT "authorId", "automatic", "correctedAt", "correctedById", "correctionNote", "details", "gradeLevel", "id", "milestoneKey", "phase", "postedAt", "revision", "summary", "title", "withdrawnAt", "withdrawnById", "withdrawnReason" FROM "ProjectUpdate";
DROP TABLE "ProjectUpdate";
ALTER TABLE "new_ProjectUpdate" RENAME TO "ProjectUpdate";
CREATE INDEX "ProjectUpdate_postedAt_idx" ON "ProjectUpdate"("postedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ProjectUpdateTranslation_updateId_language_key" ON "ProjectUpdateTranslation"("updateId", "language");

