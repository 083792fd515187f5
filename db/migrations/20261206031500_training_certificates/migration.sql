-- CreateTable
CREATE TABLE "TrainingCertificate" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "personId" INTEGER NOT NULL,
    "moduleId" INTEGER NOT NULL,
    "moduleVersion" INTEGER NOT NULL,
    "moduleTitle" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "TrainingCertificate_personId_idx" ON "TrainingCertificate"("personId");

