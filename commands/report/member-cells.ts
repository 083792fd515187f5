// The membership cells every member report reads, brought up to date without holding the event
// loop. After people are added or history is written, the first report folds every member's
// history into cells: for 70,000 people a second or more of synchronous SQLite and arithmetic that
// every acknowledgement and form would wait behind. That fold runs on a worker thread; this thread
// only records new people's first history rows, a page per turn, and saves the few hundred cells
// the worker returns. Reports that ask meanwhile wait for the same build.
import { ensureMemberCells, memberCellsStatus, recordBaselinePage, saveMemberCells, type CellRange, type MemberCellsBuild } from "../../db/reports-members.ts";
import { inSlices, runInWorker } from "../core/pool.ts";
import type { ReportEnv } from "./model.ts";

/** People given their first history row per transaction: about a millisecond each. */
const BASELINE_PAGE = 100;
/**
 * Loop time the pages take before giving way for a turn. Not the answers' shared turn budget
 * (core/turn.ts): a loop that is always waiting for the next turn would be first in line for
 * every one of them, and the answers behind it would never start.
 */
const SLICE_MS = 5;

const building = new Map<string, Promise<CellRange>>();

/** The months the cells cover, once they reflect the records as they stand. */
export async function readyMemberCells(env: ReportEnv): Promise<CellRange> {
  const status = memberCellsStatus(env.store);
  if (status.fresh) return status.range;
  const { file } = env.store;
  // An in-memory database has no file a second connection could open.
  if (file === ":memory:") return ensureMemberCells(env.store, env.today, env.clock.now(), env.fmt.timeZone);
  let build = building.get(file);
  if (!build) {
    build = buildApart(env, status.needsBaseline).finally(() => building.delete(file));
    building.set(file, build);
  }
  return build;
}

async function buildApart(env: ReportEnv, needsBaseline: boolean): Promise<CellRange> {
  const now = env.clock.now();
  if (needsBaseline) {
    let after: number | null = 0;
    await inSlices(() => (after = recordBaselinePage(env.store, now, env.fmt.timeZone, after!, BASELINE_PAGE)) !== null, SLICE_MS);
  }
  const cells = await runInWorker<MemberCellsBuild>("report/cells", "memberCells", { file: env.store.file, today: env.today });
  return saveMemberCells(env.store, cells, now);
}
