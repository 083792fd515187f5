// `npm run cli -- backup FILE`: a consistent copy of the database while the bot runs. SQLite: the
// backup API into a new file. PostgreSQL: the server's own tool, pg_dump, in its custom format (one
// consistent snapshot, compressed, restored with pg_restore), so the copy is one any PostgreSQL
// administrator can read and restore without the bot.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CliCommand } from "./types.ts";
import { ensurePrivateFile, ensurePrivateFolder, sidecars, tightenExisting } from "../../db/file-modes.ts";
import { engineOf } from "../../db/store.ts";
import { loadConfig } from "../config.ts";
import { withStore } from "./open.ts";

/** The program `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = dir && path.join(dir, name);
    if (p && fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return undefined;
}

/**
 * The URL pg_dump is given, and the password apart: in the environment (PGPASSWORD) rather than on
 * its command line, where any account on the machine could read it.
 */
export function pgDumpConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = "";
  }
  // pg's own switch, which libpq (pg_dump's library) does not know: its meaning is libpq's already.
  u.searchParams.delete("uselibpqcompat");
  return { dbname: u.toString(), env };
}

function backupPostgres(url: string, file: string): number {
  const pgDump = onPath("pg_dump");
  if (!pgDump) {
    console.error(
      [
        "On PostgreSQL the backup is pg_dump's, and pg_dump is not on this machine's PATH.",
        "Install PostgreSQL's client programs (Debian and Ubuntu: apt install postgresql-client; the same",
        "major version as the server or newer), then run this command again, or pg_dump yourself:",
        `  pg_dump --format=custom --file ${file} "$DATABASE_URL"`,
        "See docs/postgres.md, \"Backing up\".",
      ].join("\n"),
    );
    return 1;
  }
  const started = Date.now();
  const { dbname, env } = pgDumpConnection(url);
  // A backup holds everything the database does: created 0600 before pg_dump writes into it.
  ensurePrivateFile(file);
  const r = spawnSync(pgDump, ["--format=custom", "--file", file, "--dbname", dbname], { stdio: ["ignore", "inherit", "pipe"], env: { ...process.env, ...env } });
  if (r.status !== 0) {
    fs.rmSync(file, { force: true });
    console.error(`pg_dump failed${r.status === null ? "" : ` (exit code ${r.status})`}; nothing was kept.`);
    const said = r.stderr?.toString().trim();
    if (said) console.error(said.replace(/\/\/([^:@/]*):[^@/]*@/g, "//$1:…@"));
    return 1;
  }
  tightenExisting([file]);
  console.log(`Backed up with pg_dump to ${file} (${fs.statSync(file).size} bytes, ${Date.now() - started} ms).`);
  console.log(`Restore into an empty database with: pg_restore --no-owner --dbname "postgres://…/unionhall" ${file}`);
  return 0;
}

export const backupCli: CliCommand = {
  summary: "backup FILE — consistent online copy of the database (safe while the bot runs; pg_dump on PostgreSQL)",
  async run(args) {
    const target = args[0];
    if (!target) {
      console.error("Usage: npm run cli -- backup FILE");
      return 2;
    }
    const file = path.resolve(target);
    if (fs.existsSync(file)) {
      console.error(`${file} already exists; choose a new file name.`);
      return 2;
    }
    ensurePrivateFolder(path.dirname(file));
    const url = loadConfig().DATABASE_URL;
    if (engineOf(url) === "postgres") return backupPostgres(url, file);
    return withStore(async (store) => {
      const started = Date.now();
      // A backup holds everything the database does: created 0600 before a byte is written.
      ensurePrivateFile(file);
      await store.sql.backup(file);
      tightenExisting([file, ...sidecars(file)]);
      console.log(`Backed up to ${file} (${fs.statSync(file).size} bytes, ${Date.now() - started} ms).`);
      return 0;
    });
  },
};
