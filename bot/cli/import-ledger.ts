// `npm run cli -- import-ledger FILE.csv [--skip-bad-rows]`
// Adds the treasury's ledger export to the sub-locals' rebate accounts in one transaction. By
// default a file with any bad row writes nothing (each bad row is reported on its own line);
// --skip-bad-rows adds the good ones. Idempotent by the treasury's reference: a re-import adds
// nothing and says how many entries were already there.
import { SingleBar, Presets } from "cli-progress";
import { appendAudit } from "../../db/audit.ts";
import { accountByCode, allSubLocals, closedThrough, entryByRef, postEntries, accountById } from "../../db/rebate.ts";
import { committedCents } from "../../db/rebate-requests.ts";
import { createFormatter } from "../../commands/core/format.ts";
import type { Store } from "../../db/store.ts";
import { parseLedgerCsv, type LedgerProblem } from "../../commands/rebate/ledger-csv.ts";
import { csvFileArgument, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export interface LedgerImportResult {
  added: number;
  already: number;
  problems: LedgerProblem[];
  written: boolean;
}

export function importLedger(store: Store, text: string, opts: { skipBadRows?: boolean; progress?: boolean; now?: Date; allowNegative?: string } = {}): LedgerImportResult {
  const subLocals = new Set(allSubLocals(store).map((s) => s.code));
  const now = opts.now ?? new Date();
  const today = createFormatter("en").localDay(now);
  const allowNegative = !!opts.allowNegative?.trim();
  const parsed = parseLedgerCsv(text, {
    subLocals,
    today,
    allowNegative,
    closedThrough(code) {
      const a = accountByCode(store, code);
      return a ? closedThrough(store, a.id) : undefined;
    },
    balance: (code) => accountByCode(store, code)?.balanceCents ?? 0,
    promised(code) {
      const a = accountByCode(store, code);
      return a ? committedCents(store, a.id) : 0;
    },
    byRef(ref) {
      const e = entryByRef(store, ref);
      return e ? { subLocalCode: accountById(store, e.accountId)!.subLocalCode, postedOn: e.postedOn, amountCents: e.amountCents, kind: e.kind } : undefined;
    },
  });
  const { rows, already, problems } = parsed;
  if (rows.length === 0 || (problems.length > 0 && !opts.skipBadRows)) return { added: 0, already, problems, written: false };
  const bar = opts.progress ? new SingleBar({ format: "Importing [{bar}] {value}/{total} entries", hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  postEntries(store, rows, now, { today, allowNegative, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  const details: Record<string, unknown> = { added: rows.length, already, skipped: problems.length, accounts: new Set(rows.map((r) => r.subLocalCode)).size };
  if (allowNegative) details.allowNegative = opts.allowNegative!.trim().slice(0, 300);
  appendAudit(store, { actor: "cli", action: "rebate.ledger.import", details });
  return { added: rows.length, already, problems, written: true };
}

export const importLedgerCli: CliCommand = {
  summary: "import-ledger FILE.csv [--skip-bad-rows] [--allow-negative REASON] — add the treasury's ledger export to the rebate accounts",
  async run(args) {
    const input = csvFileArgument("import-ledger", args);
    if (typeof input === "number") return input;
    const { text, flags } = input;
    return withStore(async (store) => {
      const allow = flags["allow-negative"];
      if (allow === true || (typeof allow === "string" && !allow.trim())) {
        console.error('--allow-negative needs the reason, like --allow-negative "loan from the statewide fund, approved 2026-11-02"');
        return 2;
      }
      const r = importLedger(store, text, { skipBadRows: flags["skip-bad-rows"] === true, progress: process.stderr.isTTY, allowNegative: allow });
      for (const p of r.problems) console.error(`Line ${p.line}${p.column && !p.message.includes(": ") ? `, column ${p.column}` : ""}: ${p.message}`);
      const was = r.already ? ` ${r.already} entr${r.already === 1 ? "y was" : "ies were"} already in the ledger.` : "";
      const skipping = flags["skip-bad-rows"] === true;
      if (!r.written) {
        if (r.problems.length > 0 && !skipping) {
          console.error(`Nothing was imported: ${r.problems.length} bad row(s). Fix them, or run again with --skip-bad-rows.${was}`);
          return 1;
        }
        console.log(`Nothing new to import.${was}${r.problems.length ? ` ${r.problems.length} bad row(s) skipped.` : ""}`);
        return 0;
      }
      console.log(`Imported ${r.added} entr${r.added === 1 ? "y" : "ies"}.${was}${r.problems.length ? ` ${r.problems.length} bad row(s) skipped.` : ""}`);
      return 0;
    });
  },
};
