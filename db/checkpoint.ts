// When SQLite copies the write-ahead log into the database file. Its automatic checkpoint runs
// inside whichever commit makes the WAL pass the threshold, on the event loop: copying and
// syncing took 25–150 ms on the 2-core machine's disk, at SQLite's default threshold (1,000
// pages) about every hundred answers of a burst of clicks, and every click behind it waited.
// So the copying is done on a worker thread's connection: once the bot is quiet, and under
// sustained writes (a command bench writes about 15 MB of WAL a second) every
// BUSY_CHECKPOINT_CHANGES changed rows, looked at every CHECKPOINT_POLL_MS. A worker alone cannot
// restart the WAL while the bot keeps writing (that let it grow to gigabytes once): the bot's
// connection still checkpoints by itself past AUTO_CHECKPOINT_PAGES, and finds at most a quarter
// of a second's writes left to copy, so that commit is short and the WAL stays near 16 MiB.
import Database from "better-sqlite3";
import type { Store } from "./store.ts";

/**
 * 4,000 pages of 4 KiB: 16 MiB of WAL before a commit checkpoints by itself. At 64 MiB, with the
 * worker's turn every 2,000 rows, that commit copied up to two seconds of writes: 80–133 ms on
 * the machine's disk in a write test at 450 commits a second; at 16 MiB with the worker every 500
 * rows, 32–45 ms.
 */
export const AUTO_CHECKPOINT_PAGES = 4000;
/** Under sustained writes, the worker thread checkpoints after this many changed rows… */
export const BUSY_CHECKPOINT_CHANGES = 500;
/** …looked at this often (a quarter of a second of a note bench is about 4 MB of WAL). */
export const CHECKPOINT_POLL_MS = 250;
/** Passes of one worker checkpoint at most: another while the last one left frames uncopied. */
const CATCH_UP_PASSES = 4;
/** The WAL file is cut back to this size after a checkpoint (it otherwise keeps its largest size). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

const checkpointedAt = new WeakMap<Store, number>();

/**
 * Whether this connection has changed at least `minChanges` rows since the last checkpoint and
 * holds no transaction now (an asynchronous one holds the connection across awaits: the next
 * quiet moment will do). A true
 * answer counts as the checkpoint's turn: call one of the two below next.
 */
export function dueForCheckpoint(store: Store, minChanges = 1): boolean {
  if (store.engine !== "sqlite" || store.file === ":memory:") return false;
  if (store.sql.inTransaction) return false;
  const changes = (store.sql.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
  if (changes - (checkpointedAt.get(store) ?? 0) < minChanges) return false;
  checkpointedAt.set(store, changes);
  return true;
}

/**
 * Copies the WAL into the database on this connection (PASSIVE: never waits for a reader or
 * writer) when it is due; true when it did. Blocks for the copy and its sync: where an event loop
 * serves people, use `checkpointFile` on a worker thread instead.
 */
export function checkpointIfWritten(store: Store): boolean {
  if (!dueForCheckpoint(store)) return false;
  store.sql.pragma("wal_checkpoint(PASSIVE)");
  return true;
}

/**
 * The same copy from a connection of its own to the database file, for a worker thread: copying a
 * burst's WAL back and syncing it took 40–130 ms on the 2-core machine's disk, which no one's
 * answer should wait behind. PASSIVE, so a burst that starts meanwhile is never held up; while a
 * pass leaves frames uncopied it tries again (a few times), so the bot's own checkpoint finds
 * little left.
 */
export function checkpointFile(file: string): { log: number; checkpointed: number; passes: number } {
  const conn = new Database(file, { fileMustExist: true });
  try {
    conn.pragma("busy_timeout = 0");
    let r: { busy: number; log: number; checkpointed: number } | undefined;
    let passes = 0;
    do {
      [r] = conn.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
      passes++;
    } while (r && r.log > r.checkpointed && passes < CATCH_UP_PASSES);
    return { log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0, passes };
  } finally {
    conn.close();
  }
}
