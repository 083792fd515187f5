// The command bench's PostgreSQL side: whether it runs, a throwaway cluster with the bench's seeded
// database copied onto it (the tests' own cluster helper and the operators' copy command, so the
// bench measures what an operator moving to PostgreSQL would get), and after the run, whether every
// write landed exactly once.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { REMINDER_KIND } from "../../commands/unionhall/remind.ts";
import { copyToPostgres } from "../../db/copy-to-postgres.ts";
import { openStore } from "../../db/store.ts";
import { postgresUnavailable, startPostgres } from "../../test/helpers/postgres.ts";

/**
 * BENCH_POSTGRES=0 never, =1 always (an error when the server's binaries are missing); unset: when
 * they are installed, so `npm run bench` still needs nothing beyond `npm install` (SQLite is the
 * default), and says loudly why it left PostgreSQL out.
 */
export function postgresWanted(): { run: true } | { run: false; why: string } {
  const setting = process.env.BENCH_POSTGRES;
  if (setting === "0") return { run: false, why: "BENCH_POSTGRES=0" };
  const why = postgresUnavailable();
  if (why && setting === "1") throw new Error(`BENCH_POSTGRES=1: ${why}`);
  return why ? { run: false, why } : { run: true };
}

export interface BenchPostgres {
  url: string;
  /**
   * CPU time the server has used so far (the postmaster, its live backends and those that ended),
   * in ms, from Linux's /proc; NaN elsewhere or on a server we did not start. A command's cost on
   * PostgreSQL is the bot's CPU and the server's.
   */
  cpuMs(): number;
  stop(): Promise<void>;
}

const TICK_MS = 10; // Linux's USER_HZ: /proc counts CPU time in hundredths of a second.

/** utime + stime (and, with `children`, those of its waited-for children) of a process, in ms. */
function procCpuMs(pid: number, children: boolean): number {
  // The command name may hold spaces: the fields start after its closing parenthesis.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const [utime, stime, cutime, cstime] = [f[11], f[12], f[13], f[14]].map(Number) as [number, number, number, number];
  return (utime + stime + (children ? cutime + cstime : 0)) * TICK_MS;
}

function serverCpuMs(url: string): number {
  try {
    const dir = new URL(url).searchParams.get("host");
    if (!dir) return NaN;
    const postmaster = Number(fs.readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    let total = procCpuMs(postmaster, true);
    for (const p of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster) total += procCpuMs(Number(p), false);
      } catch {
        // Ended while we looked: its time is in the postmaster's children's now.
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

/**
 * A private cluster (no fsync, commits not waiting for the log's flush: like the bot's SQLite in
 * WAL mode with synchronous=NORMAL, neither waits for the disk at commit) holding a copy of the
 * SQLite database at `file`, made by db/copy-to-postgres.ts and checked by it.
 */
export async function benchPostgres(file: string): Promise<BenchPostgres> {
  const server = await startPostgres();
  try {
    // The copy opens its source as a store; the bench's SQLite bot keeps the original to itself.
    const copy = path.join(path.dirname(file), "pg-source.db");
    fs.copyFileSync(file, copy);
    const url = await server.createDatabase("bench");
    const source = await openStore(`file:${copy}`);
    const target = await openStore(url);
    try {
      const report = await copyToPostgres(source, target);
      if (!report.ok) throw new Error(`copying the bench database to PostgreSQL: ${report.problems.join("; ")}`);
    } finally {
      await source.close();
      await target.close();
      fs.rmSync(copy, { force: true });
    }
    return { url, cpuMs: () => serverCpuMs(url), stop: () => server.stop() };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export interface Landed {
  /** Rows written, and how many different texts among them (each command's text is unique). */
  rows: number;
  distinct: number;
}

/** The bench's notes on PostgreSQL whose text contains `marker`, and its reminders whose payload does. */
export async function landedWrites(url: string, marker: { note: string; remind: string }): Promise<{ note: Landed; remind: Landed }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const note = await client.query<Landed>(`SELECT count(*)::int AS "rows", count(DISTINCT "text")::int AS "distinct" FROM "GrievanceEvent" WHERE "kind" = 'note' AND "text" LIKE $1`, [like(marker.note)]);
    const remind = await client.query<Landed>(`SELECT count(*)::int AS "rows", count(DISTINCT "payload")::int AS "distinct" FROM "ScheduledJob" WHERE "kind" = $1 AND "payload" LIKE $2`, [REMINDER_KIND, like(marker.remind)]);
    return { note: note.rows[0]!, remind: remind.rows[0]! };
  } finally {
    await client.end();
  }
}
