// Reading the treasury's ledger export: loose header names ("Posting Date", posted_on, …), amounts
// as accountants write them (1,234.56, (45.00), -45.00, $1,234.56), dates ISO or US MM/DD/YYYY.
// Every bad row gets one line naming its line and column. Pure: the caller supplies what the
// ledger already holds (sub-locals, references) through `known`.
import { parse } from "csv-parse/sync";
import type { EntryKind, NewEntry } from "../../db/rebate.ts";
import { signProblem } from "./ledger.ts";
import { centsToDecimal, parseAmount, readAmount, type AmountProblem } from "./money.ts";

const AMOUNT_PROBLEMS: Record<AmountProblem, string> = {
  empty: "it is empty",
  notNumber: "it is not a number",
  tooManyDecimals: "it has more than two decimals (cents have two digits)",
  tooLarge: "it is too large (at most 9,999,999,999.99)",
  separator: "the separators are wrong (a comma between thousands, a point before the cents)",
};
import { parseDate } from "./period.ts";

type Column = "subLocal" | "date" | "kind" | "amount" | "description" | "reference" | "corrects";

const aliases: Record<Column, string[]> = {
  subLocal: ["sub_local", "sublocal", "sub_local_code", "local", "account", "account_code"],
  date: ["date", "posting_date", "posted", "posted_on", "post_date", "transaction_date"],
  kind: ["kind", "type", "entry_type", "transaction_type", "category"],
  amount: ["amount", "amount_usd", "net_amount", "value"],
  description: ["description", "memo", "details", "narrative"],
  reference: ["reference", "external_reference", "ref", "reference_number", "transaction_id", "external_ref"],
  corrects: ["corrects", "corrects_reference", "adjusts", "original_reference", "corrected_reference"],
};
const REQUIRED: Column[] = ["subLocal", "date", "kind", "amount", "reference"];

const kindWords: Record<string, EntryKind> = {
  deposit: "deposit",
  rebate: "deposit",
  rebate_deposit: "deposit",
  disbursement: "disbursement",
  payment: "disbursement",
  reimbursement: "reimbursement",
  expense_reimbursement: "reimbursement",
  expense: "reimbursement",
  transfer: "transfer",
  adjustment: "adjustment",
  correction: "adjustment",
};

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s\-/]+/g, "_").replace(/[^a-z0-9_]/g, "");

export interface LedgerProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  column?: string;
  message: string;
}

export interface LedgerRow extends NewEntry {
  line: number;
  externalRef: string;
}

export interface KnownLedger {
  subLocals: ReadonlySet<string>;
  /** The local day now: later rows are refused (never available before their day). */
  today?: string;
  /** The last day an issued statement closed for this sub-local's account. */
  closedThrough?(code: string): { closesThrough: string; statementId: number } | undefined;
  /** The account's balance now, to refuse rows that would take it below zero. */
  balance?(code: string): number;
  /** Money promised to the account's open payment requests: a row may not take the balance below it. */
  promised?(code: string): number;
  /** Run with --allow-negative (and a reason): rows may take an account below what is promised, or below zero. */
  allowNegative?: boolean;
  /** Entries already in the ledger, by external reference. */
  byRef(ref: string): { subLocalCode: string; postedOn: string; amountCents: number; kind: string } | undefined;
}

export interface ParsedLedger {
  /** Rows to add, in file order. */
  rows: LedgerRow[];
  /** Rows whose reference is already in the ledger with the same figures: left alone. */
  already: number;
  problems: LedgerProblem[];
}

export function parseLedgerCsv(text: string, known: KnownLedger): ParsedLedger {
  let records: string[][];
  let startLines: number[] = [];
  try {
    // Each record with the physical line it starts on: a blank line or a memo over two lines
    // must not shift the line numbers people look for in their file. Line ends are made one "\n"
    // first: the parser counts the "\r" and the "\n" of a spreadsheet's line end inside a quoted
    // memo as two lines, which put every later row one line too far.
    const parsed = parse(text.replace(/\r\n?/g, "\n"), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true, raw: true }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    records = parsed.map((r) => r.record);
    startLines = parsed.map((r) => r.info.lines - (r.raw.replace(/^\n+/, "").replace(/\n$/, "").match(/\n/g)?.length ?? 0));
  } catch (e) {
    return { rows: [], already: 0, problems: [{ line: (e as { lines?: number }).lines ?? 1, message: `the file is not valid CSV (${(e as Error).message.split("\n")[0]})` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], already: 0, problems: [{ line: 1, message: "the file is empty" }] };
  const names = header.map(norm);
  const index = new Map<Column, number>();
  for (const [col, list] of Object.entries(aliases) as [Column, string[]][]) {
    const i = names.findIndex((n) => list.includes(n));
    if (i >= 0) index.set(col, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return { rows: [], already: 0, problems: [{ line: startLines[0] ?? 1, column: missing.map((c) => aliases[c][0]).join(", "), message: `the header has no column for: ${missing.map((c) => aliases[c][0]).join(", ")}` }] };

  const rows: LedgerRow[] = [];
  const problems: LedgerProblem[] = [];
  const inFile = new Map<string, { line: number; subLocalCode: string }>();
  let already = 0;
  body.forEach((rec, i) => {
    const line = startLines[i + 1] ?? i + 2;
    const get = (c: Column) => (index.has(c) ? (rec[index.get(c)!] ?? "").trim() : "");
    const bad = (column: Column, message: string) => problems.push({ line, column: aliases[column][0], message });
    const subLocalCode = get("subLocal").toUpperCase();
    const postedOn = parseDate(get("date"));
    const kind = kindWords[norm(get("kind"))];
    const amountCents = parseAmount(get("amount"));
    const ref = get("reference");
    const correctsRef = get("corrects") || null;
    const before = problems.length;
    if (!subLocalCode) bad("subLocal", "the sub-local is missing");
    else if (!known.subLocals.has(subLocalCode)) bad("subLocal", `sub-local ${subLocalCode} does not exist`);
    if (!postedOn) bad("date", `“${get("date").slice(0, 30)}” is not a date (use 2026-10-15 or 10/15/2026)`);
    else if (postedOn < "2000-01-01") bad("date", `${postedOn} is before 2000, where the ledger starts`);
    else if (known.today && postedOn > known.today) bad("date", `${postedOn} is in the future (today is ${known.today}): import it on or after that day`);
    else if (subLocalCode) {
      const closed = known.closedThrough?.(subLocalCode);
      if (closed && postedOn <= closed.closesThrough)
        bad("date", `${postedOn} falls in a closed period: statement #${closed.statementId} was issued for ${subLocalCode} through ${closed.closesThrough}. Post it as an adjustment dated after ${closed.closesThrough}, naming the entry it corrects`);
    }
    if (!kind) bad("kind", `“${get("kind").slice(0, 30)}” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment)`);
    const read = readAmount(get("amount"));
    if (!read.ok) bad("amount", `“${get("amount").slice(0, 30)}” is not an amount: ${AMOUNT_PROBLEMS[read.problem]} (write it like 1,234.56, (45.00) or -45.00)`);
    else if (kind) {
      const sign = signProblem(kind, read.cents);
      if (sign === "zero") bad("amount", "the amount is zero");
      if (sign === "mustBePositive") bad("amount", "a deposit must be a positive amount");
      if (sign === "mustBeNegative") bad("amount", `a ${kind} takes money out: write it negative, like (45.00) or -45.00`);
    }
    if (!ref) bad("reference", "the reference is missing (each entry needs the treasury's own reference)");
    else if (ref.length > 100) bad("reference", "the reference is longer than 100 characters");
    else if (inFile.has(ref)) bad("reference", `reference ${ref} also appears on line ${inFile.get(ref)!.line}`);
    if (kind === "adjustment" && !correctsRef) bad("corrects", "an adjustment must name the reference of the entry it corrects");
    if (kind && kind !== "adjustment" && correctsRef) bad("corrects", "only an adjustment corrects another entry");
    if (correctsRef && kind === "adjustment") {
      const target = inFile.get(correctsRef) ?? known.byRef(correctsRef);
      if (!target) bad("corrects", `there is no entry with reference ${correctsRef}`);
      else if (subLocalCode && target.subLocalCode !== subLocalCode) bad("corrects", `entry ${correctsRef} belongs to ${target.subLocalCode}, not ${subLocalCode}`);
    }
    const description = get("description").slice(0, 300) || (kind ?? "");
    if (problems.length > before) {
      if (ref) inFile.set(ref, { line, subLocalCode });
      return;
    }
    const existing = known.byRef(ref);
    if (existing) {
      if (existing.subLocalCode !== subLocalCode || existing.postedOn !== postedOn || existing.amountCents !== amountCents || existing.kind !== kind)
        bad("reference", `reference ${ref} is already in the ledger with other figures (${existing.subLocalCode}, ${existing.postedOn}, ${centsToDecimal(existing.amountCents)}); a correction must be a new adjustment`);
      else already++;
      inFile.set(ref, { line, subLocalCode });
      return;
    }
    inFile.set(ref, { line, subLocalCode });
    rows.push({ line, subLocalCode, kind: kind!, postedOn: postedOn!, amountCents: amountCents!, description, externalRef: ref, correctsRef, recordedBy: "import" });
  });
  // An adjustment whose corrected row was refused cannot stand on its own either.
  const refused = new Set(problems.map((p) => p.line));
  const refusedRefs = new Set([...inFile].filter(([, v]) => refused.has(v.line)).map(([ref]) => ref));
  const running = new Map<string, number>();
  const kept = rows.filter((r) => {
    if (r.correctsRef && refusedRefs.has(r.correctsRef)) {
      problems.push({ line: r.line, column: "corrects", message: `the entry it corrects (${r.correctsRef}) is on a bad row` });
      return false;
    }
    // In file order, as they will be posted: a row that takes the account below zero needs --allow-negative.
    const before = running.get(r.subLocalCode) ?? known.balance?.(r.subLocalCode) ?? 0;
    const after = before + r.amountCents;
    const promised = known.promised?.(r.subLocalCode) ?? 0;
    if (known.balance && r.amountCents < 0 && !known.allowNegative) {
      if (after < 0) {
        problems.push({ line: r.line, column: "amount", message: `this would take ${r.subLocalCode}'s balance to ${centsToDecimal(after)}, below zero; if that is right, run again with --allow-negative "the reason"` });
        return false;
      }
      if (after < promised) {
        problems.push({
          line: r.line,
          column: "amount",
          message: `this would leave ${r.subLocalCode} ${centsToDecimal(after)}, less than the ${centsToDecimal(promised)} already promised to its open payment requests; decide or withdraw those first, or run again with --allow-negative "the reason" (staff approval then refuses any request the balance no longer covers)`,
        });
        return false;
      }
    }
    running.set(r.subLocalCode, after);
    return true;
  });
  return { rows: kept, already, problems: oneLinePerRow(problems) };
}

/** Several problems on one row become one line naming each column. */
function oneLinePerRow(problems: readonly LedgerProblem[]): LedgerProblem[] {
  const byLine = new Map<number, LedgerProblem[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, list]) =>
      list.length === 1
        ? list[0]!
        : { line, column: [...new Set(list.map((p) => p.column).filter(Boolean))].join(", "), message: list.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join("; ") },
    );
}
