// Statement arithmetic, pure: an opening balance plus the period's entries gives the closing
// balance and the totals by kind, with a running balance on every line.
import type { EntryKind, EntryRow } from "../../db/rebate.ts";

export interface StatementLine extends EntryRow {
  /** The balance after this entry. */
  balanceCents: number;
}

export interface StatementFigures {
  openingCents: number;
  closingCents: number;
  lines: StatementLine[];
  totals: Record<EntryKind, number>;
}

export function statementFigures(openingCents: number, entries: readonly EntryRow[]): StatementFigures {
  const totals: Record<EntryKind, number> = { deposit: 0, disbursement: 0, reimbursement: 0, transfer: 0, adjustment: 0 };
  let balance = openingCents;
  const lines = entries.map((e) => {
    balance += e.amountCents;
    totals[e.kind] += e.amountCents;
    return { ...e, balanceCents: balance };
  });
  return { openingCents, closingCents: balance, lines, totals };
}

/** The sign each kind of entry must carry: deposits add, disbursements and reimbursements take away. */
export function signProblem(kind: EntryKind, amountCents: number): "zero" | "mustBePositive" | "mustBeNegative" | null {
  if (amountCents === 0) return "zero";
  if (kind === "deposit" && amountCents < 0) return "mustBePositive";
  if ((kind === "disbursement" || kind === "reimbursement") && amountCents > 0) return "mustBeNegative";
  return null;
}
