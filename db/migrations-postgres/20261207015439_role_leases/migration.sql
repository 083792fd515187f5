-- CreateTable
CREATE TABLE "RoleLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoleLease_pkey" PRIMARY KEY ("name")
);

