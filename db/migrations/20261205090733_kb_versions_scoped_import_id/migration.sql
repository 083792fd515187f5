-- AlterTable
ALTER TABLE "KbDocument" ADD COLUMN "importId" TEXT;

-- AlterTable
ALTER TABLE "KbVersion" ADD COLUMN "audience" TEXT;
ALTER TABLE "KbVersion" ADD COLUMN "audienceRank" INTEGER;
ALTER TABLE "KbVersion" ADD COLUMN "fileMime" TEXT;
ALTER TABLE "KbVersion" ADD COLUMN "fileSize" INTEGER;
ALTER TABLE "KbVersion" ADD COLUMN "kind" TEXT;
ALTER TABLE "KbVersion" ADD COLUMN "subLocalId" INTEGER;
ALTER TABLE "KbVersion" ADD COLUMN "tags" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "KbDocument_importId_key" ON "KbDocument"("importId");


-- Hand-written: versions kept before this change take their document's audience, sub-local,
-- kind, tags and file details (the best that is known of them).
UPDATE "KbVersion" SET
  "audience" = (SELECT d."audience" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId"),
  "audienceRank" = (SELECT d."audienceRank" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId"),
  "subLocalId" = (SELECT d."subLocalId" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId"),
  "kind" = (SELECT d."kind" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId"),
  "tags" = (SELECT d."tags" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId"),
  "fileMime" = (SELECT d."fileMime" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId" AND d."fileHash" IS "KbVersion"."fileHash"),
  "fileSize" = (SELECT d."fileSize" FROM "KbDocument" d WHERE d."id" = "KbVersion"."documentId" AND d."fileHash" IS "KbVersion"."fileHash");
-- Documents imported before stable ids keep their path (without ".md") as their id, which is
-- what the shipped demo files now declare.
UPDATE "KbDocument" SET "importId" = substr("importPath", 1, length("importPath") - 3) WHERE "importPath" IS NOT NULL AND lower("importPath") LIKE '%.md';
