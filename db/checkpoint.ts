// When SQLite copies the write-ahead log into the database file. Its automatic checkpoint runs
// inside whichever commit makes the WAL pass the threshold, on the event loop: copying and
// syncing took 25–150 ms on the 2-core machine's disk, at SQLite's default threshold (1,000
// pages) about every hundred answers of a burst of clicks, and every click behind it waited.
// The bot's connection therefore checkpoints by itself only past a far larger WAL
// (AUTO_CHECKPOINT_PAGES, a bound that holds under any load), and otherwise when the bot is idle
// (`checkpointIfWritten`, called once no work has come for a moment), when a pause keeps no one
// waiting. Not on a thread of its own: a checkpointing thread beside a busy writer let the WAL
// grow to gigabytes.
import type { Store } from "./store.ts";

/** 16,000 pages of 4 KiB: 64 MiB of WAL before a commit checkpoints by itself. */
export const AUTO_CHECKPOINT_PAGES = 16_000;
/** The WAL file is cut back to this size after a checkpoint (it otherwise keeps its largest size). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

const checkpointedAt = new WeakMap<Store, number>();

/**
 * Copies the WAL into the database (PASSIVE: never waits for a reader or writer) when this
 * connection has written since the last time and no transaction is open on it; true when it did.
 */
export function checkpointIfWritten(store: Store): boolean {
  if (store.engine !== "sqlite" || store.file === ":memory:") return false;
  // Never inside someone's transaction (an asynchronous one holds the connection across awaits):
  // the next quiet moment will do.
  if (store.sql.inTransaction) return false;
  const changes = (store.sql.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
  if (changes === (checkpointedAt.get(store) ?? 0)) return false;
  store.sql.pragma("wal_checkpoint(PASSIVE)");
  checkpointedAt.set(store, changes);
  return true;
}
