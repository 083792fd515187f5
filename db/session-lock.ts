// Work that one process at a time may do on a shared database, held by a PostgreSQL session-level
// advisory lock on a connection of its own for as long as the work runs (it may open transactions
// of its own meanwhile). SQLite's file belongs to one process, so there the work simply runs.
import type { Store } from "./store.ts";

export async function oneProcessAtATime(store: Pick<Store, "engine" | "pool">, key: number, work: () => Promise<void>): Promise<void> {
  if (store.engine !== "postgres") return work();
  const client = await store.pool!.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    try {
      await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [key]);
    }
  } finally {
    client.release();
  }
}
