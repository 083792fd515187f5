-- AlterTable
ALTER TABLE "ProjectUpdate" ADD COLUMN     "correctedAt" TIMESTAMP(3),
ADD COLUMN     "correctedById" INTEGER,
ADD COLUMN     "correctionNote" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnById" INTEGER,
ADD COLUMN     "withdrawnReason" TEXT;

-- CreateTable
CREATE TABLE "ProjectUpdateRevision" (
    "id" SERIAL NOT NULL,
    "updateId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "gradeLevel" DOUBLE PRECISION,
    "editedById" INTEGER,
    "editedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectUpdateRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectDraft" (
    "id" SERIAL NOT NULL,
    "authorId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "publishedUpdateId" INTEGER,

    CONSTRAINT "ProjectDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectUpdateRevision_updateId_revision_key" ON "ProjectUpdateRevision"("updateId", "revision");

-- CreateIndex
CREATE INDEX "ProjectDraft_authorId_supersededAt_idx" ON "ProjectDraft"("authorId", "supersededAt");

