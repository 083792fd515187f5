-- CreateTable
CREATE TABLE "MemberStatusHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "since" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cape" BOOLEAN NOT NULL DEFAULT false,
    "subLocalCode" TEXT,
    "employer" TEXT,
    "employerGroup" TEXT,
    "region" TEXT,
    "worksite" TEXT,
    "hireDate" TEXT,
    "source" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MemberReportCell" (
    "month" TEXT NOT NULL,
    "subLocalCode" TEXT NOT NULL,
    "employerGroup" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "worksite" TEXT NOT NULL,
    "member" INTEGER NOT NULL DEFAULT 0,
    "feePayer" INTEGER NOT NULL DEFAULT 0,
    "nonMember" INTEGER NOT NULL DEFAULT 0,
    "retired" INTEGER NOT NULL DEFAULT 0,
    "lapsed" INTEGER NOT NULL DEFAULT 0,
    "cape" INTEGER NOT NULL DEFAULT 0,
    "noEmail" INTEGER NOT NULL DEFAULT 0,
    "noPhone" INTEGER NOT NULL DEFAULT 0,
    "joined" INTEGER NOT NULL DEFAULT 0,
    "left" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("month", "subLocalCode", "employerGroup", "region", "employer", "worksite")
);

-- CreateTable
CREATE TABLE "MemberReportState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "historyMaxId" INTEGER NOT NULL,
    "personCount" INTEGER NOT NULL,
    "firstMonth" TEXT NOT NULL,
    "lastMonth" TEXT NOT NULL,
    "builtAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MemberStatusHistory_personId_since_idx" ON "MemberStatusHistory"("personId", "since");

-- CreateIndex
CREATE INDEX "MemberReportCell_subLocalCode_month_idx" ON "MemberReportCell"("subLocalCode", "month");

-- CreateIndex
CREATE INDEX "MemberReportCell_employerGroup_month_idx" ON "MemberReportCell"("employerGroup", "month");

-- CreateIndex
CREATE INDEX "MemberReportCell_region_month_idx" ON "MemberReportCell"("region", "month");

