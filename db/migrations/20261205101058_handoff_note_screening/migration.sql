-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HandoffNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subLocalId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "staffOnly" BOOLEAN NOT NULL DEFAULT false,
    "redactedAt" DATETIME,
    "redactedById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_HandoffNote" ("authorId", "body", "createdAt", "id", "subLocalId", "updatedAt") SELECT "authorId", "body", "createdAt", "id", "subLocalId", "updatedAt" FROM "HandoffNote";
DROP TABLE "HandoffNote";
ALTER TABLE "new_HandoffNote" RENAME TO "HandoffNote";
CREATE INDEX "HandoffNote_subLocalId_createdAt_idx" ON "HandoffNote"("subLocalId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

