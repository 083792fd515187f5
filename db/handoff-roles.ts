// Who held a sub-local office before: read by the torch-passing inside a role grant's transaction,
// which is still synchronous (db/roles.ts is on db/sql.ts this round), so this one read stays on the
// synchronous connection beside it. It moves to the data layer with the role grant.
import { all } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface OfficeHolderRow {
  id: number;
  personId: number;
  office: string | null;
  endsAt: string | null;
}

/**
 * Others who held this office in this sub-local and are on their way out: still holding it, or
 * ended after `since`. Most recent first.
 */
export function outgoingHolders(store: Store, subLocalCode: string, office: string | null, exceptPersonId: number, now: Date, since: Date): OfficeHolderRow[] {
  return all<OfficeHolderRow>(
    store,
    `SELECT "id", "personId", "office", "endsAt" FROM "RoleAssignment"
      WHERE "role" = 'sublocal_officer' AND "scopeType" = 'sublocal' AND "scopeId" = ? AND coalesce("office", '') = ? AND "personId" <> ?
        AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?)
      ORDER BY coalesce("endsAt", '9999') DESC, "id" DESC`,
    subLocalCode, office ?? "", exceptPersonId, dbTime(now), dbTime(since),
  );
}
