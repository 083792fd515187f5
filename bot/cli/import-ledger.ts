// `npm run cli -- import-ledger FILE.csv [--skip-bad-rows]`
// Adds the treasury's ledger export to the sub-locals' rebate accounts in one transaction. By
// default a file with any bad row writes nothing (each bad row is reported on its own line);
// --skip-bad-rows adds the good ones. Idempotent by the treasury's reference: a re-import adds
// nothing and says how many entries were already there.
import { SingleBar, Presets } from "cli-progress";
import { parse } from "csv-parse/sync";
import { appendAuditIn } from "../../db/audit.ts";
import { data, transaction } from "../../db/data.ts";
import { accountById, allSubLocals, closedThrough, entriesByRefs, listAccounts, PostingRefusedError, postEntriesIn, type EntryRow } from "../../db/rebate.ts";
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

/**
 * What the parser asks of the ledger, read before it runs (it is pure and synchronous): every
 * account's balance, closed period and promised money, and the entries whose reference is any cell
 * of the file (which column holds the references is the parser's to find; this asks for a superset).
 */
async function knownLedger(store: Store, text: string) {
  const db = data(store);
  const accounts = new Map<string, { balance: number; closed: Awaited<ReturnType<typeof closedThrough>>; promised: number }>();
  for (const a of await listAccounts(db)) accounts.set(a.subLocalCode, { balance: a.balanceCents, closed: await closedThrough(db, a.id), promised: await committedCents(db, a.id) });
  let cells: string[] = [];
  try {
    cells = [...new Set((parse(text, { bom: true, relax_column_count: true, trim: true, skip_empty_lines: true }) as string[][]).flat())].filter((c) => c && c.length <= 100);
  } catch {
    // Not CSV: the parser says so, with its line.
  }
  const byRef = new Map<string, EntryRow>();
  for (const e of await entriesByRefs(db, cells)) byRef.set(e.externalRef!, e);
  const codeOf = new Map<number, string>();
  for (const e of byRef.values()) if (!codeOf.has(e.accountId)) codeOf.set(e.accountId, (await accountById(db, e.accountId))!.subLocalCode);
  return { subLocals: new Set((await allSubLocals(db)).map((s) => s.code)), accounts, byRef, codeOf };
}

/** How often the file is checked again when the ledger moved between the check and the write. */
const ATTEMPTS = 3;

export async function importLedger(store: Store, text: string, opts: ImportOptions = {}): Promise<LedgerImportResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await importOnce(store, text, opts);
    } catch (e) {
      // A payment request was filed (or money moved) after the file was checked: check it again
      // against the ledger as it is now, so the row it affects is reported like any bad row.
      if (!(e instanceof PostingRefusedError) || attempt >= ATTEMPTS) throw e;
    }
  }
}

export interface ImportOptions {
  skipBadRows?: boolean;
  progress?: boolean;
  now?: Date;
  allowNegative?: string;
  /** Called once the file is checked, before it is written: tests change the ledger there, as a person could. */
  checked?: () => Promise<void>;
}

async function importOnce(store: Store, text: string, opts: ImportOptions): Promise<LedgerImportResult> {
  const known = await knownLedger(store, text);
  const now = opts.now ?? new Date();
  const today = createFormatter("en").localDay(now);
  const allowNegative = !!opts.allowNegative?.trim();
  const parsed = parseLedgerCsv(text, {
    subLocals: known.subLocals,
    today,
    allowNegative,
    closedThrough: (code) => known.accounts.get(code)?.closed,
    balance: (code) => known.accounts.get(code)?.balance ?? 0,
    promised: (code) => known.accounts.get(code)?.promised ?? 0,
    byRef(ref) {
      const e = known.byRef.get(ref);
      return e ? { subLocalCode: known.codeOf.get(e.accountId)!, postedOn: e.postedOn, amountCents: e.amountCents, kind: e.kind } : undefined;
    },
  });
  const { rows, already, problems } = parsed;
  if (rows.length === 0 || (problems.length > 0 && !opts.skipBadRows)) return { added: 0, already, problems, written: false };
  await opts.checked?.();
  const bar = opts.progress ? new SingleBar({ format: "Importing [{bar}] {value}/{total} entries", hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const details: Record<string, unknown> = { added: rows.length, already, skipped: problems.length, accounts: new Set(rows.map((r) => r.subLocalCode)).size };
  if (allowNegative) details.allowNegative = opts.allowNegative!.trim().slice(0, 300);
  // The entries and the import's audit entry commit together.
  try {
    await transaction(store, async (tx) => {
      await postEntriesIn(tx, rows, now, { today, allowNegative, floorCents: committedCents, onProgress: (done) => bar?.update(done) });
      await appendAuditIn(tx, { actor: "cli", action: "rebate.ledger.import", details });
    });
  } finally {
    bar?.stop();
  }
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
      const r = await importLedger(store, text, { skipBadRows: flags["skip-bad-rows"] === true, progress: process.stderr.isTTY, allowNegative: allow });
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
