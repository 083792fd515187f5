// `npm run cli -- copy-to-postgres postgres://… [--replace]`: moves this deployment's SQLite
// database (DATABASE_URL, as the bot opens it) into a PostgreSQL database, then checks the copy.
// The report names tables and counts only, never a row's content.
import { copyToPostgres, CopyRefused, verifyCopy, type CopyReport } from "../../db/copy-to-postgres.ts";
import { engineOf, openStore } from "../../db/store.ts";
import type { CliCommand } from "./types.ts";
import { parseFlags, withStore } from "./open.ts";

const USAGE = "Usage: npm run cli -- copy-to-postgres postgres://USER@HOST/DATABASE [--replace] [--verify-only]";

/** The URL as it may be shown: without a password. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:…@");

function print(r: CopyReport): void {
  const width = Math.max(...r.tables.map((t) => t.table.length), 20);
  console.log(`${"Table".padEnd(width)}  ${"SQLite".padStart(8)}  ${"PostgreSQL".padStart(10)}`);
  for (const t of r.tables) console.log(`${t.table.padEnd(width)}  ${String(t.source).padStart(8)}  ${String(t.target < 0 ? "missing" : t.target).padStart(10)}${t.source === t.target ? "" : "  ✗"}`);
  console.log(`${"(knowledge-base search)".padEnd(width)}  ${String(r.search.source).padStart(8)}  ${String(r.search.target).padStart(10)}`);
  const rows = r.tables.reduce((n, t) => n + t.source, 0);
  console.log(`${r.tables.length} tables, ${rows} rows.`);
  if (r.files.referenced > 0) console.log(`Knowledge-base files: ${r.files.target} of ${r.files.referenced} on PostgreSQL, each checked against its hash.`);
  if (r.files.missingInSource > 0) console.log(`${r.files.missingInSource} file(s) were already missing beside the SQLite database; their documents show "file missing" as before.`);
  if (r.audit.target.ok) console.log(`Audit log intact on PostgreSQL: ${r.audit.target.entries} entries, every link verified${r.audit.sameHead ? ", ending where SQLite's ends" : ""}.`);
  for (const p of r.problems) console.error(`✗ ${p}`);
  console.log(r.ok ? "Copy verified." : "Copy NOT verified: see above.");
}

export const copyToPostgresCli: CliCommand = {
  summary: "copy-to-postgres postgres://… [--replace] — copy this SQLite database into PostgreSQL, then check row counts and the audit chain",
  async run(args) {
    const { flags, positional } = parseFlags(args);
    const url = positional[0];
    const unknown = Object.keys(flags).filter((f) => f !== "replace" && f !== "verify-only");
    if (!url || positional.length > 1 || unknown.length) {
      console.error(USAGE);
      return 2;
    }
    let engine;
    try {
      engine = engineOf(url);
    } catch {
      engine = undefined;
    }
    if (engine !== "postgres") {
      console.error(`The target must be a PostgreSQL URL (postgres://…), got "${shown(url)}".\n${USAGE}`);
      return 2;
    }
    return withStore(async (source) => {
      if (source.engine !== "sqlite") {
        console.error("DATABASE_URL names a PostgreSQL database: the copy reads from the SQLite file the bot runs on.");
        return 2;
      }
      // Opening the target applies its migrations, so it has every table before anything is copied.
      const target = await openStore(url);
      try {
        let report: CopyReport;
        if (flags["verify-only"]) report = await verifyCopy(source, target);
        else {
          console.log(`Copying ${source.file} into ${shown(url)} …`);
          report = await copyToPostgres(source, target, { replace: flags.replace === true });
        }
        print(report);
        return report.ok ? 0 : 1;
      } catch (e) {
        if (e instanceof CopyRefused) {
          console.error(`Nothing copied: ${e.message}.`);
          return 1;
        }
        throw e;
      } finally {
        await target.close();
      }
    });
  },
};
