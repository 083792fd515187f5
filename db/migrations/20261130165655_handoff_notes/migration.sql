-- CreateTable
CREATE TABLE "HandoffNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subLocalId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HandoffNote_subLocalId_createdAt_idx" ON "HandoffNote"("subLocalId", "createdAt");

