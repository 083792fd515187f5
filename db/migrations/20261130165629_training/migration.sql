-- CreateTable
CREATE TABLE "TrainingModule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "requiredFor" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'en',
    "version" INTEGER NOT NULL DEFAULT 1,
    "importPath" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TrainingLesson" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "moduleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "kbDocumentId" INTEGER,
    "questions" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "TrainingLesson_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "TrainingModule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingProgress" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "moduleId" INTEGER NOT NULL,
    "moduleVersion" INTEGER NOT NULL,
    "lesson" INTEGER NOT NULL DEFAULT 0,
    "question" INTEGER NOT NULL DEFAULT 0,
    "wrongAnswers" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TrainingReminderStop" (
    "personId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stoppedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingModule_slug_key" ON "TrainingModule"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingModule_importPath_key" ON "TrainingModule"("importPath");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingLesson_moduleId_position_key" ON "TrainingLesson"("moduleId", "position");

-- CreateIndex
CREATE INDEX "TrainingProgress_moduleId_completedAt_idx" ON "TrainingProgress"("moduleId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingProgress_personId_moduleId_key" ON "TrainingProgress"("personId", "moduleId");

