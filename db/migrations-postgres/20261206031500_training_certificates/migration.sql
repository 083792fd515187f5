-- CreateTable
CREATE TABLE "TrainingCertificate" (
    "code" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "moduleId" INTEGER NOT NULL,
    "moduleVersion" INTEGER NOT NULL,
    "moduleTitle" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingCertificate_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "TrainingCertificate_personId_idx" ON "TrainingCertificate"("personId");
