// A real, throwaway PostgreSQL for tests, started by the tests themselves: a cluster initialised in a
// temporary folder, listening on a unix socket there only (no port to collide with another run), one
// database per caller, stopped and removed afterwards. The server's own binaries are used (Debian's
// `postgresql` package; .ci/run installs it when missing).
// initdb refuses to run as root, and CI runs as root: there the cluster belongs to the `postgres`
// account and every server command runs through `runuser`.
// TEST_POSTGRES_URL (a superuser URL to a server you run) skips the local cluster: each caller gets a
// fresh database on that server instead.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestPostgres {
  /** Creates an empty database (or a copy of the database `template`) and returns its connection URL. */
  createDatabase(name?: string, template?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function postgresBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  const debian = "/usr/lib/postgresql";
  if (!fs.existsSync(debian)) return undefined;
  const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(debian, v, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  return undefined;
}

/**
 * Why PostgreSQL tests cannot run here, or undefined when they can. On CI a missing server is an
 * error (the tests must not silently pass by skipping); elsewhere the caller skips, loudly.
 */
export function postgresUnavailable(): string | undefined {
  if (process.env.TEST_POSTGRES_URL) return undefined;
  if (!postgresBinDir()) {
    const why = "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's `postgresql` package, or set TEST_POSTGRES_URL";
    if (process.env.CI) throw new Error(`${why}. On CI this is a failure, not a skip.`);
    return why;
  }
  if (process.getuid?.() === 0 && !accountExists("postgres")) {
    const why = "running as root and there is no `postgres` account to own the test cluster (initdb refuses root)";
    if (process.env.CI) throw new Error(why);
    return why;
  }
  return undefined;
}

function accountExists(name: string): boolean {
  return spawnSync("id", ["-u", name], { stdio: "ignore" }).status === 0;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a server binary as the cluster's owner: ourselves, or `postgres` when we are root. */
function runServerTool(bin: string, tool: string, args: string[]): void {
  const exe = path.join(bin, tool);
  const [cmd, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" } });
}

const databaseName = (hint?: string) => `uh_${(hint ?? "t").toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 30)}_${crypto.randomBytes(4).toString("hex")}`;

async function createOn(adminUrl: string, name: string, template?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
}

/** A server reached through TEST_POSTGRES_URL: only the databases we made are dropped. */
function external(adminUrl: string): TestPostgres {
  const made: string[] = [];
  return {
    async createDatabase(hint, template) {
      const name = databaseName(hint);
      await createOn(adminUrl, name, template);
      made.push(name);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        for (const name of made) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Initialises and starts a private cluster; `stop()` shuts it down and deletes every file. */
export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_POSTGRES_URL) return external(process.env.TEST_POSTGRES_URL);
  const why = postgresUnavailable();
  if (why) throw new Error(why);
  const bin = postgresBinDir()!;
  // Short path: the socket's full path must fit in 107 bytes. Under root, /tmp itself: the
  // `postgres` account must be able to reach the folder, which a private TMPDIR would not allow.
  const dir = fs.mkdtempSync(path.join(asRoot() ? "/tmp" : os.tmpdir(), "uh-pg-"));
  if (asRoot()) execFileSync("chown", ["postgres:", dir]);
  const data = path.join(dir, "data");
  const stopNow = () => {
    try {
      runServerTool(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped, or never started.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies must not leave a server running.
  process.once("exit", stopNow);
  try {
    // Durability is pointless for a throwaway cluster and slow on a shared disk: no fsync anywhere.
    runServerTool(bin, "initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
    const options = ["-F", "-k", dir, "-c", "listen_addresses=", "-c", "max_connections=200", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"].join(" ");
    runServerTool(bin, "pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  } catch (e) {
    const log = path.join(dir, "server.log");
    const detail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? "";
    stopNow();
    throw new Error(`could not start the test PostgreSQL: ${(e as Error).message}\n${stderr}\n${detail}`);
  }
  const url = (db: string) => `postgresql://postgres@localhost/${db}?host=${encodeURIComponent(dir)}`;
  return {
    async createDatabase(hint, template) {
      const name = databaseName(hint);
      await createOn(url("postgres"), name, template);
      return url(name);
    },
    async stop() {
      process.removeListener("exit", stopNow);
      stopNow();
    },
  };
}
