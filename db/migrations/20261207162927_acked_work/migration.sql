-- CreateTable
CREATE TABLE "AckedWork" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "request" TEXT,
    "responseUrl" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AckedWork_leaseUntil_idx" ON "AckedWork"("leaseUntil");

