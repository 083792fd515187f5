// Contact requests still waiting for a decision, with who asked: read on every Home view and
// `/unionhall pending`, so one cached statement on the data layer rather than Prisma.
import type { Db } from "./data.ts";

export interface PendingContactRequest {
  id: number;
  requesterId: number;
  scopeType: "sublocal" | "employer_group" | "region";
  scopeId: string;
  campaign: "classification" | "organizing" | "cape" | null;
  campaignDetail: string | null;
  purpose: string;
  justification: string;
  days: number;
  route: string;
  createdAt: Date;
  requester: { firstName: string; lastName: string; preferredName: string | null; memberNumber: string };
}

interface Row extends Omit<PendingContactRequest, "createdAt" | "requester"> {
  createdAt: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  memberNumber: string;
}

/** Every pending request, oldest first. Few at any time: the caller filters by who may decide. */
export async function pendingContactRequests(db: Db): Promise<PendingContactRequest[]> {
  const rows = await db.all<Row>(
    `SELECT r."id", r."requesterId", r."scopeType", r."scopeId", r."campaign", r."campaignDetail", r."purpose", r."justification", r."days", r."route", r."createdAt",
            p."firstName", p."lastName", p."preferredName", p."memberNumber"
       FROM "ContactRequest" r JOIN "Person" p ON p."id" = r."requesterId"
      WHERE r."status" = 'pending'
      ORDER BY r."createdAt", r."id"`,
  );
  return rows.map(({ firstName, lastName, preferredName, memberNumber, createdAt, ...r }) => ({
    ...r,
    createdAt: new Date(createdAt),
    requester: { firstName, lastName, preferredName, memberNumber },
  }));
}
