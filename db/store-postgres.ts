// The store on PostgreSQL: a connection pool for the data layer, and the Prisma client generated for
// PostgreSQL from the same schema (db/postgres-schema.ts). Migrations are applied on opening, under
// an advisory lock, so any number of processes may start at once.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { postgresRowTypes } from "./dialect.ts";
import { migratePostgres } from "./migrate.ts";
import type { Store } from "./store.ts";

export async function openPostgresStore(url: string): Promise<Store> {
  // Rows read through the data layer take the same shapes as on SQLite (db/dialect.ts).
  const pool = new pg.Pool({ connectionString: url, types: postgresRowTypes });
  // The server ending an idle connection (a restart, a failover, pg_terminate_backend, or a test's
  // server stopping while the pool's goodbyes are still on the wire) is reported on the pool, and an
  // unheard 'error' event would end the process. The pool has already dropped that connection and
  // the next statement opens a new one; a statement that was running on it fails to its caller.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  let prisma: PostgresPrismaClient | undefined;
  const store = {
    engine: "postgres" as const,
    // Both clients are generated from the same models: the SQLite client's API is the one areas
    // program against, and PostgreSQL's accepts every call of it.
    get prisma(): PrismaClient {
      prisma ??= new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      return prisma as unknown as PrismaClient;
    },
    pool,
    file: ":memory:",
    async close() {
      await prisma?.$disconnect();
      await pool.end();
    },
  } as Store;
  // Not enumerable, so copying a store (Object.assign, spreading) does not trip it.
  Object.defineProperty(store, "sql", {
    enumerable: false,
    get() {
      throw new Error("this data path still runs on the synchronous SQLite connection and is not available on PostgreSQL yet");
    },
  });
  return store;
}
