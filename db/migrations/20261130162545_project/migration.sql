-- CreateTable
CREATE TABLE "ProjectMilestone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "phase" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'milestone',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "targetDate" TEXT,
    "doneOn" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProjectUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "gradeLevel" REAL,
    "authorId" INTEGER,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "postedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProjectSubscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT,
    "workspaceId" TEXT,
    "channelId" TEXT,
    "personId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProjectQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "askerId" INTEGER NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" INTEGER,
    "answeredAt" DATETIME,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectMilestone_key_key" ON "ProjectMilestone"("key");

-- CreateIndex
CREATE INDEX "ProjectUpdate_postedAt_idx" ON "ProjectUpdate"("postedAt");

-- CreateIndex
CREATE INDEX "ProjectSubscription_endedAt_idx" ON "ProjectSubscription"("endedAt");

-- CreateIndex
CREATE INDEX "ProjectQuestion_publishedAt_idx" ON "ProjectQuestion"("publishedAt");


-- Hand-written: the timeline the resolution sets up. Phase 1's three dated steps are recorded as
-- done on their dates (staff correct any of them from chat); later steps carry no date until the
-- committee sets one. Titles and plain-language explanations live in the area's locale files.
INSERT INTO "ProjectMilestone" ("key", "phase", "sortOrder", "kind", "status", "targetDate", "doneOn", "updatedAt") VALUES
  ('committee_named',        1, 10,  'milestone',   'done',    '2024-11-29', '2024-11-29', '2026-11-30T00:00:00.000+00:00'),
  ('vendor_selected',        1, 20,  'milestone',   'done',    '2025-05-30', '2025-05-30', '2026-11-30T00:00:00.000+00:00'),
  ('analysis_begun',         1, 30,  'milestone',   'done',    '2025-07-31', '2025-07-31', '2026-11-30T00:00:00.000+00:00'),
  ('fitgap_current_tools',   2, 40,  'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('fitgap_current_process', 2, 50,  'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('fitgap_alternatives',    2, 60,  'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('fitgap_solution',        2, 70,  'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('findings_to_committee',  2, 80,  'milestone',   'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('alternatives_to_board',  2, 90,  'milestone',   'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('joint_decision',         2, 100, 'milestone',   'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_work_breakdown',    3, 110, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_raci',              3, 120, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_communication',     3, 130, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_migration',         3, 140, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_test',              3, 150, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('plan_change_management', 3, 160, 'deliverable', 'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00'),
  ('implementation',         3, 170, 'milestone',   'planned', NULL, NULL, '2026-11-30T00:00:00.000+00:00');
