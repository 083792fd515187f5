// `npm run cli -- import-members FILE.csv [--skip-bad-rows]`
// Upserts members by member number, with their status history and the audit entry, in one
// transaction. By default a file with any bad row writes nothing (each bad row is reported on its
// own line); --skip-bad-rows imports the good ones.
import { SingleBar, Presets } from "cli-progress";
import { appendAuditIn } from "../../db/audit.ts";
import { transaction } from "../../db/data.ts";
import { upsertMembersIn } from "../../db/people.ts";
import { recordBaselineIn, recordImportHistoryIn } from "../../db/reports-members.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { readyMemberCells } from "../../commands/core/member-cells.ts";
import { listSubLocals } from "../../db/sublocals.ts";
import type { Store } from "../../db/store.ts";
import { parseMembersCsv, type CsvProblem } from "./member-csv.ts";
import { csvFileArgument, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export interface ImportResult {
  created: number;
  updated: number;
  problems: CsvProblem[];
  written: boolean;
}

export async function importMembers(store: Store, text: string, opts: { skipBadRows?: boolean; progress?: boolean; now?: Date } = {}): Promise<ImportResult> {
  const known = new Set((await listSubLocals(store)).map((s) => s.code));
  const { rows, problems } = parseMembersCsv(text, known);
  if (rows.length === 0 || (problems.length > 0 && !opts.skipBadRows)) return { created: 0, updated: 0, problems, written: false };
  const bar = opts.progress ? new SingleBar({ format: "Importing [{bar}] {value}/{total} rows", hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const now = opts.now ?? new Date();
  const fmt = createFormatter("en");
  const importDay = fmt.localDay(now);
  // One transaction: the records, their status history and the audit entry are written together
  // or not at all (a batch at a time, the event loop given a turn between batches).
  const { created, updated } = await transaction(store, async (tx) => {
    await recordBaselineIn(tx, now); // the state before this import, for people who have no history yet
    const { created, updated, ids } = await upsertMembersIn(tx, rows, (done) => bar?.update(done));
    await recordImportHistoryIn(tx, rows, ids, importDay, now);
    await appendAuditIn(tx, { actor: "cli", action: "members.import", details: { created, updated, skipped: problems.length } });
    return { created, updated };
  });
  bar?.stop();
  // Derived counts for the reports, built the one way every reader builds them (off this thread);
  // if this is interrupted, the next report rebuilds them.
  await readyMemberCells(store, { now, today: importDay, timeZone: fmt.timeZone });
  return { created, updated, problems, written: true };
}

export const importMembersCli: CliCommand = {
  summary: "import-members FILE.csv [--skip-bad-rows] — add or update members by member number",
  async run(args) {
    const input = csvFileArgument("import-members", args);
    if (typeof input === "number") return input;
    const { text, flags } = input;
    return withStore(async (store) => {
      const r = await importMembers(store, text, { skipBadRows: flags["skip-bad-rows"] === true, progress: process.stderr.isTTY });
      for (const p of r.problems) console.error(`Line ${p.line}${p.memberNumber ? ` (member ${p.memberNumber})` : ""}: ${p.message}`);
      if (!r.written) {
        console.error(r.problems.length > 0 ? `Nothing was imported: ${r.problems.length} bad row(s). Fix them, or run again with --skip-bad-rows.` : "Nothing to import: the file has no member rows.");
        return 1;
      }
      console.log(`Imported ${r.created + r.updated} member(s): ${r.created} new, ${r.updated} updated${r.problems.length ? `, ${r.problems.length} bad row(s) skipped` : ""}.`);
      return 0;
    });
  },
};
