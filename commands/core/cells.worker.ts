// The pass that folds every member's history into the monthly cells, on a worker thread
// (./pool.ts) over its own read-only connection: 70,000 people take a second or more, which no
// acknowledgement or form should wait behind. Reads through db/ only.
import { computeMemberCellsApart, type MemberCellsBuild } from "../../db/reports-members.ts";

export async function memberCells(input: { file: string; today: string }): Promise<MemberCellsBuild> {
  return computeMemberCellsApart(input.file, input.today);
}
