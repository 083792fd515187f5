-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'meeting',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "link" TEXT,
    "place" TEXT,
    "audienceType" TEXT NOT NULL,
    "audienceId" TEXT,
    "capacity" INTEGER,
    "rsvpDeadline" DATETIME,
    "language" TEXT NOT NULL DEFAULT 'en',
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "repeat" TEXT,
    "seriesId" INTEGER,
    "checkinCode" TEXT NOT NULL,
    "organiserId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME
);

-- CreateTable
CREATE TABLE "EventRsvp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "waitSince" DATETIME,
    "attendedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventChannel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EventFeedToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");

-- CreateIndex
CREATE INDEX "Event_audienceType_audienceId_idx" ON "Event"("audienceType", "audienceId");

-- CreateIndex
CREATE INDEX "EventRsvp_personId_idx" ON "EventRsvp"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "EventRsvp_eventId_personId_key" ON "EventRsvp"("eventId", "personId");

-- CreateIndex
CREATE INDEX "EventChannel_endedAt_idx" ON "EventChannel"("endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventFeedToken_tokenHash_key" ON "EventFeedToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EventFeedToken_personId_idx" ON "EventFeedToken"("personId");

