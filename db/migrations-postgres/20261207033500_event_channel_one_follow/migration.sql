-- A channel follows an audience once: two organisers turning the same follow on at the same instant
-- (two processes on PostgreSQL) must not leave two rows. Earlier duplicates, if any, are ended first,
-- keeping the oldest.
UPDATE "EventChannel" SET "endedAt" = "createdAt"
WHERE "endedAt" IS NULL AND EXISTS (
  SELECT 1 FROM "EventChannel" o
  WHERE o."endedAt" IS NULL AND o."id" < "EventChannel"."id"
    AND o."platform" = "EventChannel"."platform" AND o."workspaceId" = "EventChannel"."workspaceId"
    AND o."channelId" = "EventChannel"."channelId" AND o."scopeType" = "EventChannel"."scopeType"
    AND COALESCE(o."scopeId", '') = COALESCE("EventChannel"."scopeId", '')
);

CREATE UNIQUE INDEX "EventChannel_one_active_follow" ON "EventChannel" ("platform", "workspaceId", "channelId", "scopeType", COALESCE("scopeId", '')) WHERE "endedAt" IS NULL;
