// When SQLite copies the write-ahead log into the database file. Its automatic checkpoint runs
// inside whichever commit makes the WAL pass the threshold, on the event loop: copying and
// syncing took 25–150 ms on the 2-core machine's disk, at SQLite's default threshold (1,000
// pages) about every hundred answers of a burst of clicks, and every click behind it waited.
// So the copying is done on a worker thread's connection: once the bot is quiet, and under
// sustained writes every BUSY_CHECKPOINT_CHANGES changed rows, looked at every CHECKPOINT_POLL_MS.
// A worker alone cannot restart the WAL while the bot keeps writing (that let it grow to
// gigabytes once): the bot's connection still checkpoints by itself past AUTO_CHECKPOINT_PAGES,
// finds almost everything copied already, and the sync is most of what that commit waits for.
// Between bursts the worker copies everything, and the next write starts the log again.
import Database from "better-sqlite3";
import type { Store } from "./store.ts";

/**
 * 32,000 pages of 4 KiB: 128 MiB of WAL before a commit checkpoints by itself. Every answer
 * writes its own rows and the request's bookkeeping (the inbox row in and out, the once-only
 * claim and its stored answer): 18 pages of WAL for `/unionhall help` and 27 for `/grievance
 * note`, measured in the command bench, so about 1,000 answers a second write 70–110 MB of it.
 * At 16 MiB the bot's own checkpoint came every 100–200 ms of that, each holding the loop
 * 5–14 ms (mostly the sync), and every request arriving meanwhile waited: a third of the command
 * bench's ack p99s were those waits. At 128 MiB a second of full load fits between two quiet
 * moments, and under longer load it comes every second or two, 18–23 ms each. (At 64 MiB with the
 * worker's turn every 2,000 rows, that commit copied up to two seconds of writes, 80–133 ms: the
 * worker's turns below keep what is left to copy small.)
 */
export const AUTO_CHECKPOINT_PAGES = 32000;
/** Under sustained writes, the worker thread checkpoints after this many changed rows… */
export const BUSY_CHECKPOINT_CHANGES = 500;
/** …looked at this often. */
export const CHECKPOINT_POLL_MS = 250;
/**
 * How long no work must have come before the worker copies everything written, so the log starts
 * again between bursts. At a second, a burst that followed another within it (the command bench's
 * phases, a second apart) often found the last one's log still there and passed the bound inside
 * the burst: 9–11 of the bot's own checkpoints in a help-and-remind bench at c=32 against 6–7 at a
 * quarter second, and ack ratios of 1.4–2.9 against 0.7–1.3 (three runs each, interleaved).
 */
export const QUIET_CHECKPOINT_MS = 250;
/** Passes of one worker checkpoint at most: another while the last one left frames uncopied. */
const CATCH_UP_PASSES = 4;
/**
 * The WAL file is cut back to this size when the log starts again (it otherwise keeps its largest
 * size): as large as the bound, so no commit after a burst waits for the file to be cut (cutting
 * a 500 MB log back to 16 MiB held that commit 133 ms); the file keeps at most this much disk.
 */
export const WAL_SIZE_LIMIT_BYTES = AUTO_CHECKPOINT_PAGES * 4096;

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
