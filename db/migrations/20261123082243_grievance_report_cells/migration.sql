-- CreateTable
CREATE TABLE "GrievanceReportCell" (
    "month" TEXT NOT NULL,
    "subLocalCode" TEXT NOT NULL,
    "employerGroup" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "total" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,

    PRIMARY KEY ("month", "subLocalCode", "employerGroup", "region")
);

-- CreateIndex
CREATE INDEX "GrievanceReportCell_subLocalCode_month_idx" ON "GrievanceReportCell"("subLocalCode", "month");

-- CreateIndex
CREATE INDEX "GrievanceReportCell_employerGroup_month_idx" ON "GrievanceReportCell"("employerGroup", "month");

-- CreateIndex
CREATE INDEX "GrievanceReportCell_region_month_idx" ON "GrievanceReportCell"("region", "month");

