-- CreateTable
CREATE TABLE "GrievanceContract" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "employerGroup" TEXT,
    "rules" TEXT NOT NULL,
    "updatedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GrievanceHoliday" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Grievance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ref" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "grievantId" INTEGER NOT NULL,
    "stewardId" INTEGER,
    "subLocalCode" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "employerGroup" TEXT,
    "region" TEXT,
    "worksite" TEXT,
    "contractId" INTEGER NOT NULL,
    "articles" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "incidentDate" TEXT NOT NULL,
    "learnedDate" TEXT NOT NULL,
    "disciplineDate" TEXT,
    "narrative" TEXT NOT NULL,
    "remedy" TEXT NOT NULL,
    "stepNo" INTEGER NOT NULL,
    "stepStartedOn" TEXT NOT NULL,
    "responseReceivedOn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "filedOn" TEXT NOT NULL,
    "filedMonth" TEXT NOT NULL,
    "closedOn" TEXT,
    "daysToResolve" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GrievanceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "grievanceId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" INTEGER,
    "kind" TEXT NOT NULL,
    "stepNo" INTEGER NOT NULL,
    "text" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "GrievanceEvent_grievanceId_fkey" FOREIGN KEY ("grievanceId") REFERENCES "Grievance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrievanceExtension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "grievanceId" INTEGER NOT NULL,
    "stepNo" INTEGER NOT NULL,
    "deadline" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "agreedWith" TEXT,
    "byId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "GrievanceExtension_grievanceId_fkey" FOREIGN KEY ("grievanceId") REFERENCES "Grievance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrievanceStewardChannel" (
    "subLocalCode" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "GrievanceContract_code_key" ON "GrievanceContract"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Grievance_ref_key" ON "Grievance"("ref");

-- CreateIndex
CREATE INDEX "Grievance_filedOn_subLocalCode_employerGroup_region_category_employer_article_stepNo_status_outcome_daysToResolve_idx" ON "Grievance"("filedOn", "subLocalCode", "employerGroup", "region", "category", "employer", "article", "stepNo", "status", "outcome", "daysToResolve");

-- CreateIndex
CREATE INDEX "Grievance_grievantId_incidentDate_idx" ON "Grievance"("grievantId", "incidentDate");

-- CreateIndex
CREATE INDEX "Grievance_subLocalCode_status_idx" ON "Grievance"("subLocalCode", "status");

-- CreateIndex
CREATE INDEX "Grievance_stewardId_status_idx" ON "Grievance"("stewardId", "status");

-- CreateIndex
CREATE INDEX "Grievance_status_stepNo_idx" ON "Grievance"("status", "stepNo");

-- CreateIndex
CREATE UNIQUE INDEX "Grievance_year_seq_key" ON "Grievance"("year", "seq");

-- CreateIndex
CREATE INDEX "GrievanceEvent_grievanceId_id_idx" ON "GrievanceEvent"("grievanceId", "id");

-- CreateIndex
CREATE INDEX "GrievanceExtension_grievanceId_stepNo_deadline_idx" ON "GrievanceExtension"("grievanceId", "stepNo", "deadline");

