// The membership cells every member figure reads (the membership reports, a sub-local's handoff
// figures, the import's rebuild), brought up to date without holding the event loop. After people
// are added or history is written, the next reader folds every member's history into cells: for
// 70,000 people a second or more of synchronous SQLite and arithmetic that every acknowledgement
// and form would wait behind. On SQLite that fold runs on a worker thread (./cells.worker.ts,
// reading through db/ only); on PostgreSQL, where no second connection shares a file, it runs
// here a page of people at a time over the pool, each page a round trip that gives the loop back.
// This thread records new people's first history rows, a page per turn, and saves the cells.
// Readers that ask meanwhile wait for the same build. This is the only way to cells that are up
// to date: db/ has no in-place rebuild to forget.
import { foldMemberCellsPaged, memberCellsStatus, recordBaselinePage, saveMemberCells, type CellRange, type MemberCellsBuild } from "../../db/reports-members.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { inSlices, runInWorker } from "./pool.ts";

/** When the cells are read: the instant, the local day ("YYYY-MM-DD") and the local's zone. */
export interface CellsAt {
  now: Date;
  today: string;
  timeZone: string;
}

/** People given their first history row per transaction: about a millisecond each. */
const BASELINE_PAGE = 100;
/**
 * Loop time the pages take before giving way for a turn. Not the answers' shared turn budget
 * (core/turn.ts): a loop that is always waiting for the next turn would be first in line for
 * every one of them, and the answers behind it would never start.
 */
const SLICE_MS = 5;

const building = new WeakMap<Store, Promise<CellRange>>();

/** The months the cells cover, once they reflect the records as they stand. */
export async function readyMemberCells(store: Store, at: CellsAt): Promise<CellRange> {
  const status = await memberCellsStatus(data(store));
  if (status.fresh) return status.range;
  let build = building.get(store);
  if (!build) {
    build = buildApart(store, at, status.needsBaseline).finally(() => building.delete(store));
    building.set(store, build);
  }
  return build;
}

async function buildApart(store: Store, at: CellsAt, needsBaseline: boolean): Promise<CellRange> {
  if (needsBaseline) {
    let after: number | null = 0;
    await inSlices(async () => (after = await recordBaselinePage(store, at.now, at.timeZone, after!, BASELINE_PAGE)) !== null, SLICE_MS);
  }
  // A page at a time in one snapshot on PostgreSQL's pool, or on the bot's own connection for a
  // database in memory (no file a worker's connection could open).
  const cells =
    store.engine === "postgres" || store.file === ":memory:"
      ? await foldMemberCellsPaged(store, at.today)
      : await runInWorker<MemberCellsBuild>("core/cells", "memberCells", { file: store.file, today: at.today });
  return saveMemberCells(store, cells, at.now);
}
