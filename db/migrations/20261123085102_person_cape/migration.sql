-- CAPE contributors (the union's political action fund): a campaign list under the records policy.
-- Hand-written as ADD COLUMN: Prisma's generated table rebuild would DROP "Person", whose rows
-- other tables reference.
ALTER TABLE "Person" ADD COLUMN "capeContributor" BOOLEAN NOT NULL DEFAULT false;
