-- Generated from the Prisma schema (db/postgres-schema.ts: prisma migrate diff --from-empty), then
-- the hand-written part at the end: what the SQLite migrations add by hand, in PostgreSQL's terms.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "SubLocal" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "employer" TEXT,
    "employerGroup" TEXT,
    "region" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubLocal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "memberNumber" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "preferredName" TEXT,
    "workEmail" TEXT,
    "workPhone" TEXT,
    "subLocalId" INTEGER,
    "employer" TEXT,
    "employerGroup" TEXT,
    "region" TEXT,
    "worksite" TEXT,
    "classification" TEXT,
    "membershipStatus" TEXT NOT NULL DEFAULT 'member',
    "capeContributor" BOOLEAN NOT NULL DEFAULT false,
    "birthdate" TEXT,
    "homeAddress" TEXT,
    "homePhone" TEXT,
    "homeEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT,
    "personId" INTEGER NOT NULL,
    "linkedVia" TEXT NOT NULL DEFAULT 'admin',
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "office" TEXT,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" TIMESTAMP(3),
    "grantedById" INTEGER,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedById" INTEGER,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorPersonId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "InteractionToken" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "handler" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "once" BOOLEAN NOT NULL DEFAULT false,
    "groupId" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),
    "consumedById" INTEGER,
    "result" TEXT,

    CONSTRAINT "InteractionToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "codeHash" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "ContactAgreement" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" INTEGER,

    CONSTRAINT "ContactAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactAgreementAck" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL,
    "platform" TEXT NOT NULL,

    CONSTRAINT "ContactAgreementAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactRequest" (
    "id" SERIAL NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "campaign" TEXT,
    "campaignDetail" TEXT,
    "purpose" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "route" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "flags" TEXT NOT NULL DEFAULT '{}',
    "attestedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactGrant" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "granteeId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "campaign" TEXT,
    "campaignDetail" TEXT,
    "purpose" TEXT NOT NULL,
    "approvedById" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "ContactGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactAccess" (
    "id" SERIAL NOT NULL,
    "grantId" INTEGER NOT NULL,
    "viewerId" INTEGER NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shown" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadershipSeat" (
    "id" SERIAL NOT NULL,
    "body" TEXT NOT NULL,
    "bodyKey" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "title" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),

    CONSTRAINT "LeadershipSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorExport" (
    "id" SERIAL NOT NULL,
    "purpose" TEXT NOT NULL,
    "agreementRef" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "fields" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficerElection" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nominationsOpen" TEXT NOT NULL,
    "ballotCloses" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficerElection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElectionCandidate" (
    "id" SERIAL NOT NULL,
    "electionId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "office" TEXT,
    "addedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ElectionCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'meeting',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "link" TEXT,
    "place" TEXT,
    "audienceType" TEXT NOT NULL,
    "audienceId" TEXT,
    "capacity" INTEGER,
    "rsvpDeadline" TIMESTAMP(3),
    "language" TEXT NOT NULL DEFAULT 'en',
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "repeat" TEXT,
    "seriesId" INTEGER,
    "checkinCode" TEXT NOT NULL,
    "organiserId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRsvp" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "waitSince" TIMESTAMP(3),
    "attendedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventChannel" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "EventChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventFeedToken" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "EventFeedToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrievanceContract" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "employerGroup" TEXT,
    "rules" TEXT NOT NULL,
    "updatedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GrievanceContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrievanceHoliday" (
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrievanceHoliday_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Grievance" (
    "id" SERIAL NOT NULL,
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
    "stepReceivedOn" TEXT,
    "meetingHeldOn" TEXT,
    "responseReceivedOn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "filedOn" TEXT NOT NULL,
    "filedMonth" TEXT NOT NULL,
    "closedOn" TEXT,
    "daysToResolve" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Grievance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrievanceEvent" (
    "id" SERIAL NOT NULL,
    "grievanceId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" INTEGER,
    "kind" TEXT NOT NULL,
    "stepNo" INTEGER NOT NULL,
    "text" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "GrievanceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrievanceExtension" (
    "id" SERIAL NOT NULL,
    "grievanceId" INTEGER NOT NULL,
    "stepNo" INTEGER NOT NULL,
    "deadline" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "agreedWith" TEXT,
    "byId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GrievanceExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrievanceStewardChannel" (
    "subLocalCode" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GrievanceStewardChannel_pkey" PRIMARY KEY ("subLocalCode")
);

-- CreateTable
CREATE TABLE "GrievanceReportCell" (
    "month" TEXT NOT NULL,
    "subLocalCode" TEXT NOT NULL,
    "employerGroup" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "total" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "GrievanceReportCell_pkey" PRIMARY KEY ("month","subLocalCode","employerGroup","region")
);

-- CreateTable
CREATE TABLE "HandoffNote" (
    "id" SERIAL NOT NULL,
    "subLocalId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "staffOnly" BOOLEAN NOT NULL DEFAULT false,
    "redactedAt" TIMESTAMP(3),
    "redactedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalePreference" (
    "subject" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalePreference_pkey" PRIMARY KEY ("subject")
);

-- CreateTable
CREATE TABLE "ChannelLocale" (
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelLocale_pkey" PRIMARY KEY ("platform","workspaceId","channelId")
);

-- CreateTable
CREATE TABLE "KbDocument" (
    "id" SERIAL NOT NULL,
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
    "importId" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KbDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KbVersion" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "fileHash" TEXT,
    "fileName" TEXT,
    "fileMime" TEXT,
    "fileSize" INTEGER,
    "kind" TEXT,
    "tags" TEXT,
    "audience" TEXT,
    "audienceRank" INTEGER,
    "subLocalId" INTEGER,
    "editedById" INTEGER,
    "editedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KbVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectMilestone" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "phase" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'milestone',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "targetDate" TEXT,
    "doneOn" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectUpdate" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "phase" INTEGER,
    "milestoneKey" TEXT,
    "gradeLevel" DOUBLE PRECISION,
    "authorId" INTEGER,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "postedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectSubscription" (
    "id" SERIAL NOT NULL,
    "platform" TEXT,
    "workspaceId" TEXT,
    "channelId" TEXT,
    "personId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ProjectSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectQuestion" (
    "id" SERIAL NOT NULL,
    "askerId" INTEGER NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateAccount" (
    "id" SERIAL NOT NULL,
    "subLocalCode" TEXT NOT NULL,
    "balanceCents" INTEGER NOT NULL DEFAULT 0,
    "entryCount" INTEGER NOT NULL DEFAULT 0,
    "autoStatement" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateEntry" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "postedOn" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "externalRef" TEXT,
    "correctsId" INTEGER,
    "recordedById" INTEGER,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateStatement" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "requesterId" INTEGER,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "issuedAt" TIMESTAMP(3),
    "figures" TEXT,
    "closesThrough" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateRequest" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "requesterOffice" TEXT,
    "payee" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "neededBy" TEXT NOT NULL,
    "receiptUrl" TEXT,
    "status" TEXT NOT NULL,
    "cosignerId" INTEGER,
    "cosignerOffice" TEXT,
    "cosignedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "entryId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateDispute" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "problem" TEXT NOT NULL,
    "expectedCents" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reviewerId" INTEGER,
    "reason" TEXT,
    "correctingEntryId" INTEGER,
    "lastActivityAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateDispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateEvent" (
    "id" SERIAL NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateChannel" (
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "setById" INTEGER NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RebateChannel_pkey" PRIMARY KEY ("platform")
);

-- CreateTable
CREATE TABLE "MemberStatusHistory" (
    "id" SERIAL NOT NULL,
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
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberStatusHistory_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "MemberReportCell_pkey" PRIMARY KEY ("month","subLocalCode","employerGroup","region","employer","worksite")
);

-- CreateTable
CREATE TABLE "MemberReportState" (
    "id" INTEGER NOT NULL,
    "historyMaxId" INTEGER NOT NULL,
    "personCount" INTEGER NOT NULL,
    "firstMonth" TEXT NOT NULL,
    "lastMonth" TEXT NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberReportState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT,
    "channelId" TEXT,
    "userId" TEXT,
    "personId" INTEGER,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/Los_Angeles',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "ruleId" INTEGER,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "delivered" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurringRule" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/Los_Angeles',
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT,
    "channelId" TEXT,
    "userId" TEXT,
    "personId" INTEGER,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastFiredAt" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecurringRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingModule" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "requiredFor" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'en',
    "translationOf" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "importPath" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingModule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingLesson" (
    "id" SERIAL NOT NULL,
    "moduleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "kbDocumentId" INTEGER,
    "questions" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "TrainingLesson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingProgress" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "moduleId" INTEGER NOT NULL,
    "moduleVersion" INTEGER NOT NULL,
    "lesson" INTEGER NOT NULL DEFAULT 0,
    "question" INTEGER NOT NULL DEFAULT 0,
    "wrongAnswers" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "TrainingProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingReminderStop" (
    "personId" INTEGER NOT NULL,
    "stoppedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingReminderStop_pkey" PRIMARY KEY ("personId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SubLocal_code_key" ON "SubLocal"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Person_memberNumber_key" ON "Person"("memberNumber");

-- CreateIndex
CREATE INDEX "Person_workEmail_idx" ON "Person"("workEmail");

-- CreateIndex
CREATE INDEX "Person_subLocalId_idx" ON "Person"("subLocalId");

-- CreateIndex
CREATE INDEX "Person_lastName_firstName_idx" ON "Person"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "ChatIdentity_personId_idx" ON "ChatIdentity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_workspaceId_userId_key" ON "ChatIdentity"("platform", "workspaceId", "userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_personId_endsAt_idx" ON "RoleAssignment"("personId", "endsAt");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_scopeType_scopeId_idx" ON "RoleAssignment"("role", "scopeType", "scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectId_idx" ON "AuditEntry"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");

-- CreateIndex
CREATE INDEX "InteractionToken_expiresAt_idx" ON "InteractionToken"("expiresAt");

-- CreateIndex
CREATE INDEX "InteractionToken_groupId_idx" ON "InteractionToken"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactAgreement_version_key" ON "ContactAgreement"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ContactAgreementAck_personId_version_key" ON "ContactAgreementAck"("personId", "version");

-- CreateIndex
CREATE INDEX "ContactRequest_requesterId_status_idx" ON "ContactRequest"("requesterId", "status");

-- CreateIndex
CREATE INDEX "ContactRequest_status_idx" ON "ContactRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ContactGrant_requestId_key" ON "ContactGrant"("requestId");

-- CreateIndex
CREATE INDEX "ContactGrant_granteeId_expiresAt_idx" ON "ContactGrant"("granteeId", "expiresAt");

-- CreateIndex
CREATE INDEX "ContactGrant_expiresAt_remindedAt_idx" ON "ContactGrant"("expiresAt", "remindedAt");

-- CreateIndex
CREATE INDEX "ContactAccess_scopeType_scopeId_at_idx" ON "ContactAccess"("scopeType", "scopeId", "at");

-- CreateIndex
CREATE INDEX "ContactAccess_grantId_idx" ON "ContactAccess"("grantId");

-- CreateIndex
CREATE INDEX "LeadershipSeat_bodyKey_endsAt_idx" ON "LeadershipSeat"("bodyKey", "endsAt");

-- CreateIndex
CREATE INDEX "OfficerElection_ballotCloses_idx" ON "OfficerElection"("ballotCloses");

-- CreateIndex
CREATE INDEX "ElectionCandidate_personId_idx" ON "ElectionCandidate"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ElectionCandidate_electionId_personId_key" ON "ElectionCandidate"("electionId", "personId");

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

-- CreateIndex
CREATE UNIQUE INDEX "GrievanceContract_code_key" ON "GrievanceContract"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Grievance_ref_key" ON "Grievance"("ref");

-- CreateIndex
CREATE INDEX "Grievance_filedOn_subLocalCode_employerGroup_region_categor_idx" ON "Grievance"("filedOn", "subLocalCode", "employerGroup", "region", "category", "employer", "article", "stepNo", "status", "outcome", "daysToResolve");

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

-- CreateIndex
CREATE INDEX "GrievanceReportCell_subLocalCode_month_idx" ON "GrievanceReportCell"("subLocalCode", "month");

-- CreateIndex
CREATE INDEX "GrievanceReportCell_employerGroup_month_idx" ON "GrievanceReportCell"("employerGroup", "month");

-- CreateIndex
CREATE INDEX "GrievanceReportCell_region_month_idx" ON "GrievanceReportCell"("region", "month");

-- CreateIndex
CREATE INDEX "HandoffNote_subLocalId_createdAt_idx" ON "HandoffNote"("subLocalId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "KbDocument_importPath_key" ON "KbDocument"("importPath");

-- CreateIndex
CREATE UNIQUE INDEX "KbDocument_importId_key" ON "KbDocument"("importId");

-- CreateIndex
CREATE INDEX "KbDocument_audienceRank_subLocalId_idx" ON "KbDocument"("audienceRank", "subLocalId");

-- CreateIndex
CREATE INDEX "KbDocument_reviewBy_idx" ON "KbDocument"("reviewBy");

-- CreateIndex
CREATE INDEX "KbDocument_updatedAt_idx" ON "KbDocument"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "KbVersion_documentId_version_key" ON "KbVersion"("documentId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectMilestone_key_key" ON "ProjectMilestone"("key");

-- CreateIndex
CREATE INDEX "ProjectUpdate_postedAt_idx" ON "ProjectUpdate"("postedAt");

-- CreateIndex
CREATE INDEX "ProjectSubscription_endedAt_idx" ON "ProjectSubscription"("endedAt");

-- CreateIndex
CREATE INDEX "ProjectQuestion_publishedAt_idx" ON "ProjectQuestion"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RebateAccount_subLocalCode_key" ON "RebateAccount"("subLocalCode");

-- CreateIndex
CREATE UNIQUE INDEX "RebateEntry_externalRef_key" ON "RebateEntry"("externalRef");

-- CreateIndex
CREATE INDEX "RebateEntry_accountId_postedOn_amountCents_idx" ON "RebateEntry"("accountId", "postedOn", "amountCents");

-- CreateIndex
CREATE INDEX "RebateEntry_accountId_kind_postedOn_amountCents_idx" ON "RebateEntry"("accountId", "kind", "postedOn", "amountCents");

-- CreateIndex
CREATE INDEX "RebateEntry_correctsId_idx" ON "RebateEntry"("correctsId");

-- CreateIndex
CREATE INDEX "RebateStatement_status_createdAt_idx" ON "RebateStatement"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RebateStatement_requesterId_idx" ON "RebateStatement"("requesterId");

-- CreateIndex
CREATE INDEX "RebateStatement_accountId_closesThrough_idx" ON "RebateStatement"("accountId", "closesThrough");

-- CreateIndex
CREATE INDEX "RebateRequest_accountId_status_idx" ON "RebateRequest"("accountId", "status");

-- CreateIndex
CREATE INDEX "RebateRequest_status_createdAt_idx" ON "RebateRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RebateRequest_requesterId_idx" ON "RebateRequest"("requesterId");

-- CreateIndex
CREATE INDEX "RebateDispute_accountId_status_idx" ON "RebateDispute"("accountId", "status");

-- CreateIndex
CREATE INDEX "RebateDispute_status_lastActivityAt_idx" ON "RebateDispute"("status", "lastActivityAt");

-- CreateIndex
CREATE INDEX "RebateDispute_requesterId_idx" ON "RebateDispute"("requesterId");

-- CreateIndex
CREATE INDEX "RebateEvent_subjectType_subjectId_id_idx" ON "RebateEvent"("subjectType", "subjectId", "id");

-- CreateIndex
CREATE INDEX "MemberStatusHistory_personId_since_idx" ON "MemberStatusHistory"("personId", "since");

-- CreateIndex
CREATE INDEX "MemberReportCell_subLocalCode_month_idx" ON "MemberReportCell"("subLocalCode", "month");

-- CreateIndex
CREATE INDEX "MemberReportCell_employerGroup_month_idx" ON "MemberReportCell"("employerGroup", "month");

-- CreateIndex
CREATE INDEX "MemberReportCell_region_month_idx" ON "MemberReportCell"("region", "month");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledJob_idempotencyKey_key" ON "ScheduledJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ScheduledJob_status_dueAt_idx" ON "ScheduledJob"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ScheduledJob_ruleId_idx" ON "ScheduledJob"("ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "RecurringRule_idempotencyKey_key" ON "RecurringRule"("idempotencyKey");

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

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_subLocalId_fkey" FOREIGN KEY ("subLocalId") REFERENCES "SubLocal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectionCandidate" ADD CONSTRAINT "ElectionCandidate_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "OfficerElection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrievanceEvent" ADD CONSTRAINT "GrievanceEvent_grievanceId_fkey" FOREIGN KEY ("grievanceId") REFERENCES "Grievance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrievanceExtension" ADD CONSTRAINT "GrievanceExtension_grievanceId_fkey" FOREIGN KEY ("grievanceId") REFERENCES "Grievance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingLesson" ADD CONSTRAINT "TrainingLesson_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "TrainingModule"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the audit log is append-only. Edits are refused here, and any edit made behind
-- the database's back is caught by the hash chain (npm run cli -- verify-audit).
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit log is append-only');
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit log is append-only');

-- Hand-written: the ledger is append-only and the running balance is kept by the database itself,
-- in the same statement as the entry, so the two cannot disagree.
CREATE FUNCTION "RebateEntry_add_to_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RebateAccount" SET "balanceCents" = "balanceCents" + NEW."amountCents", "entryCount" = "entryCount" + 1 WHERE "id" = NEW."accountId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "RebateEntry_running_balance" AFTER INSERT ON "RebateEntry"
  FOR EACH ROW EXECUTE FUNCTION "RebateEntry_add_to_balance"();
CREATE TRIGGER "RebateEntry_no_update" BEFORE UPDATE ON "RebateEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('ledger entries are never changed: record an adjustment');
CREATE TRIGGER "RebateEntry_no_delete" BEFORE DELETE ON "RebateEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('ledger entries are never deleted: record an adjustment');

-- Hand-written: a statement, once issued, never changes.
CREATE TRIGGER "RebateStatement_issued_frozen" BEFORE UPDATE ON "RebateStatement"
  FOR EACH ROW WHEN (OLD."figures" IS NOT NULL) EXECUTE FUNCTION "refuse_change"('an issued statement never changes');

-- Hand-written: nothing is posted into a period an issued statement has closed.
CREATE FUNCTION "RebateEntry_refuse_closed_period"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "RebateStatement" WHERE "accountId" = NEW."accountId" AND "closesThrough" >= NEW."postedOn") THEN
    RAISE EXCEPTION 'closed period';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "RebateEntry_closed_period" BEFORE INSERT ON "RebateEntry"
  FOR EACH ROW EXECUTE FUNCTION "RebateEntry_refuse_closed_period"();

-- Hand-written: the timeline the resolution sets up (as the SQLite migration "project" seeds it).
INSERT INTO "ProjectMilestone" ("key", "phase", "sortOrder", "kind", "status", "targetDate", "doneOn", "updatedAt") VALUES
  ('committee_named',        1, 10,  'milestone',   'done',    '2024-11-29', '2024-11-29', '2026-11-30 00:00:00'),
  ('vendor_selected',        1, 20,  'milestone',   'done',    '2025-05-30', '2025-05-30', '2026-11-30 00:00:00'),
  ('analysis_begun',         1, 30,  'milestone',   'done',    '2025-07-31', '2025-07-31', '2026-11-30 00:00:00'),
  ('fitgap_current_tools',   2, 40,  'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('fitgap_current_process', 2, 50,  'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('fitgap_alternatives',    2, 60,  'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('fitgap_solution',        2, 70,  'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('findings_to_committee',  2, 80,  'milestone',   'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('alternatives_to_board',  2, 90,  'milestone',   'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('joint_decision',         2, 100, 'milestone',   'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_work_breakdown',    3, 110, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_raci',              3, 120, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_communication',     3, 130, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_migration',         3, 140, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_test',              3, 150, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('plan_change_management', 3, 160, 'deliverable', 'planned', NULL, NULL, '2026-11-30 00:00:00'),
  ('implementation',         3, 170, 'milestone',   'planned', NULL, NULL, '2026-11-30 00:00:00');

-- Not yet here: the knowledge base's full-text search (SQLite's FTS5 tables KbSearch, KbSearchVocab
-- and KbTitleSearch), to be built with PostgreSQL's own text search in a later migration.
