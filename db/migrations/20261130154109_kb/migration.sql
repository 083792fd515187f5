-- CreateTable
CREATE TABLE "KbDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "audienceRank" INTEGER NOT NULL,
    "subLocalId" INTEGER,
    "ownerId" INTEGER,
    "reviewBy" TEXT NOT NULL,
    "needsUpdate" BOOLEAN NOT NULL DEFAULT false,
    "language" TEXT NOT NULL DEFAULT 'en',
    "tags" TEXT NOT NULL DEFAULT '',
    "sourceLink" TEXT,
    "fileHash" TEXT,
    "fileName" TEXT,
    "fileMime" TEXT,
    "fileSize" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "importPath" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KbVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "fileHash" TEXT,
    "fileName" TEXT,
    "editedById" INTEGER,
    "editedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "KbDocument_importPath_key" ON "KbDocument"("importPath");

-- CreateIndex
CREATE INDEX "KbDocument_audienceRank_subLocalId_idx" ON "KbDocument"("audienceRank", "subLocalId");

-- CreateIndex
CREATE INDEX "KbDocument_reviewBy_idx" ON "KbDocument"("reviewBy");

-- CreateIndex
CREATE INDEX "KbDocument_updatedAt_idx" ON "KbDocument"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "KbVersion_documentId_version_key" ON "KbVersion"("documentId", "version");


-- Hand-written: full-text search over the knowledge base (FTS5). One row per document, rowid =
-- KbDocument.id, written in the same transaction as the document by db/kb.ts. unicode61 with
-- diacritics removed lets "huong dan" find "hướng dẫn"; the *Extra columns hold what the
-- tokenizer cannot derive alone (letters like đ folded by hand, CJK text as two-character tokens,
-- tags), so Chinese, which has no spaces, is found by any two characters.
CREATE VIRTUAL TABLE "KbSearch" USING fts5(
    title,
    body,
    titleExtra,
    bodyExtra,
    tokenize = 'unicode61 remove_diacritics 2'
);
