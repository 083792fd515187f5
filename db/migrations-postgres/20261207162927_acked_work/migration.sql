-- CreateTable
CREATE TABLE "AckedWork" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "request" TEXT,
    "responseUrl" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AckedWork_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AckedWork_leaseUntil_idx" ON "AckedWork"("leaseUntil");

