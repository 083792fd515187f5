// When SQLite copies the write-ahead log into the database file. Its automatic checkpoint runs
// inside whichever commit makes the WAL pass the threshold, on the event loop: copying and
// syncing took 25–150 ms on the 2-core machine's disk, at SQLite's default threshold (1,000
// pages) about every hundred answers of a burst of clicks, and every click behind it waited.
// The bot's connection therefore checkpoints by itself only past a far larger WAL
// (AUTO_CHECKPOINT_PAGES, a bound that holds under any load), and otherwise when the bot is idle
// on a worker thread's connection, once no work has come for a moment and, under sustained writes,
// every BUSY_CHECKPOINT_CHANGES changed rows, so no answer waits behind the copy. A worker alone
// cannot restart the WAL while the bot keeps writing (that let it grow to gigabytes once); the
// connection's own checkpoint past AUTO_CHECKPOINT_PAGES still does, finding most frames copied.
import Database from "better-sqlite3";
import type { Store } from "./store.ts";

/** 16,000 pages of 4 KiB: 64 MiB of WAL before a commit checkpoints by itself. */
export const AUTO_CHECKPOINT_PAGES = 16_000;
/**
 * Under sustained writes (a command bench at 370 notes a second writes about 15 MB of WAL a
 * second), the worker thread checkpoints after this many changed rows, so the commit that passes
 * 64 MiB finds most of the WAL copied already and mostly restarts the log.
 */
export const BUSY_CHECKPOINT_CHANGES = 2000;
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
 * answer should wait behind. PASSIVE, so a burst that starts meanwhile is never held up; what it
 * writes waits for the next checkpoint.
 */
export function checkpointFile(file: string): { log: number; checkpointed: number } {
  const conn = new Database(file, { fileMustExist: true });
  try {
    conn.pragma("busy_timeout = 0");
    const [r] = conn.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
    return { log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 };
  } finally {
    conn.close();
  }
}
