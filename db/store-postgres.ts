// The store on PostgreSQL: a connection pool for the data layer, and the Prisma client generated for
// PostgreSQL from the same schema (db/postgres-schema.ts). Migrations are applied on opening, under
// an advisory lock, so any number of processes may start at once.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { ACKNOWLEDGEMENT_LANE_WIDTH, DEFAULT_POOL_SIZE } from "./data.ts";
import { postgresRowTypes } from "./dialect.ts";
import { migratePostgres } from "./migrate.ts";
import type { Store, StoreOptions } from "./store.ts";

/** How a process's connections are named in pg_stat_activity (an `application_name` in the URL wins). */
export const APPLICATION_NAME = "unionhall";

/**
 * The connection settings both pools share. TLS parameters in the URL (sslmode, sslrootcert,
 * sslcert, sslkey) keep libpq's meaning, so one connection string means the same to the bot as to
 * psql and pg_dump: `require` encrypts without checking the certificate, `verify-ca` checks it
 * against sslrootcert, `verify-full` also checks the host name. pg 8 alone would read `require` as
 * `verify-full` (and warn that this changes in pg 9).
 */
export function postgresConnection(url: string, opts: StoreOptions = {}): pg.PoolConfig {
  const libpq = /[?&]sslmode=/.test(url) && !/[?&]uselibpqcompat=/.test(url);
  return {
    connectionString: libpq ? `${url}${url.includes("?") ? "&" : "?"}uselibpqcompat=true` : url,
    max: opts.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: APPLICATION_NAME,
  };
}

export async function openPostgresStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  const connection = postgresConnection(url, opts);
  // Rows read through the data layer take the same shapes as on SQLite (db/dialect.ts); Prisma's
  // pool keeps pg's own parsers (its adapter passes its own with every query anyway).
  const pool = new pg.Pool({ ...connection, types: postgresRowTypes });
  // The server ending an idle connection (a restart, a failover, pg_terminate_backend, or a test's
  // server stopping while the pool's goodbyes are still on the wire) is reported on the pool, and an
  // unheard 'error' event would end the process. The pool has already dropped that connection and
  // the next statement opens a new one; a statement that was running on it fails to its caller.
  pool.on("error", (e) => opts.onConnectionLost?.(e));
  const ackPool = new pg.Pool({ ...connection, max: ACKNOWLEDGEMENT_LANE_WIDTH, application_name: `${APPLICATION_NAME}-ack`, types: postgresRowTypes });
  ackPool.on("error", (e) => opts.onConnectionLost?.(e));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await Promise.all([pool.end(), ackPool.end()]);
    throw e;
  }
  let prisma: PostgresPrismaClient | undefined;
  const store = {
    engine: "postgres" as const,
    // Both clients are generated from the same models: the SQLite client's API is the one areas
    // program against, and PostgreSQL's accepts every call of it.
    get prisma(): PrismaClient {
      // A pool of its own, the same size: a Prisma read inside a data-layer transaction must never
      // wait for a connection that transaction holds.
      prisma ??= new PostgresPrismaClient({
        adapter: new PrismaPg({ ...connection, application_name: `${APPLICATION_NAME}-prisma` }, { onPoolError: (e) => opts.onConnectionLost?.(e) }),
      });
      return prisma as unknown as PrismaClient;
    },
    pool,
    ackPool,
    file: ":memory:",
    async close() {
      await prisma?.$disconnect();
      await Promise.all([pool.end(), ackPool.end()]);
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
