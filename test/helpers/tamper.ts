// What someone holding the database itself (not the app) can do, on either engine: tests of the
// guards and the audit chain use it to act behind the app's back.
import { data } from "../../db/data.ts";
import { dialect } from "../../db/dialect.ts";
import type { Store } from "../../db/store.ts";

/** Drops a trigger, e.g. one of the audit log's append-only guards. */
export async function dropTrigger(store: Store, table: string, trigger: string): Promise<void> {
  await data(store).run(dialect({ sqlite: `DROP TRIGGER "${trigger}"`, postgres: `DROP TRIGGER "${trigger}" ON "${table}"` }));
}

/** The DATABASE_URL that opens this store again, e.g. for a CLI command run as its own process. */
export function storeUrl(store: Store): string {
  if (store.engine === "postgres") {
    const url = store.pool?.options.connectionString;
    if (!url) throw new Error("this PostgreSQL store has no connection string");
    return url;
  }
  return `file:${store.file}`;
}
