-- CreateTable
CREATE TABLE "RoleLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "takenAt" DATETIME NOT NULL
);

