// A statement as issued: opening balance, every entry with the running balance, totals by kind and
// the closing balance, as a chat message, a CSV and a printable PDF. Every figure in the three
// comes from the figures stored when the statement was issued (never recomputed from the ledger),
// so a statement downloaded again months later says exactly what it said the day it was issued.
import { data } from "../../db/data.ts";
import { entryById, ENTRY_KINDS, subLocalInfo, type SubLocalInfo } from "../../db/rebate.ts";
import { issuedFigures, type StatementRow } from "../../db/rebate-requests.ts";
import { unionName, type PdfSpec } from "../core/pdf.ts";
import { runInWorker } from "../core/pool.ts";
import type { Block, FileAttachment } from "../core/reply.ts";
import { entryLine, kindLabel, nameOf, type View } from "./common.ts";
import { statementFigures, type StatementFigures, type StatementLine } from "./ledger.ts";
import { centsToDecimal } from "./money.ts";
import { labelOf, type Period } from "./period.ts";

/** Entries shown in the chat message itself; the files always carry all of them. */
export const MESSAGE_LINES = 15;

/** One issued statement, with everything its documents print. */
export interface IssuedStatement {
  id: number;
  sl: SubLocalInfo;
  period: Period;
  figures: StatementFigures;
  /** The moment its figures were taken. */
  issuedAt: Date;
  requestedBy: string;
  /** Who approved it; null when it was sent automatically. */
  approvedBy: string | null;
}

/** The issued statement of a stored row; undefined while it is not issued (pending or denied). */
export async function issuedStatement(store: View["store"], s: StatementRow): Promise<IssuedStatement | undefined> {
  const stored = issuedFigures(s);
  if (!stored || !s.issuedAt) return undefined;
  return {
    id: s.id,
    sl: (await subLocalInfo(data(store), s.subLocalCode)) ?? { code: s.subLocalCode, name: "", employerGroup: null, region: null },
    period: { from: s.fromDate, to: s.toDate, label: labelOf(s.fromDate, s.toDate) },
    figures: statementFigures(stored.openingCents, stored.entries),
    issuedAt: new Date(s.issuedAt),
    requestedBy: await nameOf(store, s.requesterId),
    approvedBy: s.status === "approved" ? await nameOf(store, s.decidedById) : null,
  };
}

export function periodText(v: View, period: Period): string {
  return `${period.label} (${v.fmt.dateShort(period.from)} – ${v.fmt.dateShort(period.to)})`;
}

/** "Statement #12 · as of Nov 23, 2026, 9:00 AM PST · requested by Tom Haddad · approved by Sofia Chen" */
export function issuedLine(v: View, s: IssuedStatement): string {
  const key = s.approvedBy ? "rebate.statement.issuedApproved" : "rebate.statement.issuedAutomatic";
  return v.t(key, { id: s.id, asOf: v.fmt.dateTime(s.issuedAt), requester: s.requestedBy, approver: s.approvedBy ?? "" });
}

/** The day of each entry the statement's adjustments correct, read once per entry. */
async function correctedDays(v: View, lines: readonly StatementLine[]): Promise<Map<number, string>> {
  const days = new Map<number, string>();
  for (const id of new Set(lines.map((e) => e.correctsId).filter((x): x is number => x !== null))) {
    const target = await entryById(data(v.store), id);
    if (target) days.set(id, target.postedOn);
  }
  return days;
}

/** "corrects #30 of Aug 22, 2026": an adjustment names the entry it corrects and that entry's day. */
function correctsText(v: View, e: StatementLine, days: ReadonlyMap<number, string>): string {
  if (!e.correctsId) return "";
  const day = days.get(e.correctsId);
  return day ? v.t("rebate.statement.correctsOn", { id: e.correctsId, date: v.fmt.dateShort(day) }) : v.t("rebate.statement.corrects", { id: e.correctsId });
}

export async function statementBlocks(v: View, s: IssuedStatement): Promise<Block[]> {
  const f = s.figures;
  const totals = ENTRY_KINDS.filter((k) => f.totals[k] !== 0).map((k) => ({ label: kindLabel(v.t, k), value: v.fmt.money(f.totals[k]) }));
  const shown = f.lines.slice(0, MESSAGE_LINES);
  const days = await correctedDays(v, shown);
  return [
    {
      type: "section",
      title: v.t("rebate.statement.title", { code: s.sl.code, name: s.sl.name }),
      text: periodText(v, s.period),
      fields: [{ label: v.t("rebate.statement.opening"), value: v.fmt.money(f.openingCents) }, ...totals, { label: v.t("rebate.statement.closing"), value: v.fmt.money(f.closingCents) }],
    },
    {
      type: "list",
      title: v.t("rebate.statement.entries", { count: f.lines.length }),
      items: shown.map((e) => {
        const corrects = correctsText(v, e, days);
        return { text: entryLine(v, e) + (corrects ? ` (${corrects})` : ""), detail: v.t("rebate.statement.balanceAfter", { amount: v.fmt.money(e.balanceCents) }) };
      }),
      empty: v.t("rebate.statement.noEntries"),
    },
    ...(f.lines.length > shown.length ? [{ type: "context" as const, text: v.t("rebate.statement.moreInFiles", { count: f.lines.length - shown.length }) }] : []),
    { type: "context", text: issuedLine(v, s) },
  ];
}

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function cell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && !/^-?\d+\.\d{2}$/.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV: one row per entry (the Amount column holds entries only, so a spreadsheet SUM of it is
 * the period's movement); opening and closing balances in the Balance column; the totals by kind
 * in a section of their own below, with the Amount column left empty.
 */
export function statementCsv(v: View, s: IssuedStatement): string {
  const f = s.figures;
  const h = (k: string) => v.t(`rebate.csv.${k}`);
  const label = `${s.sl.code} ${s.period.label}`;
  const rows: (string | number)[][] = [[h("entry"), h("date"), h("kind"), h("description"), h("reference"), h("corrects"), h("amount"), h("balance")]];
  rows.push(["", s.period.from, h("opening"), label, "", "", "", centsToDecimal(f.openingCents)]);
  for (const e of f.lines) rows.push([e.id, e.postedOn, kindLabel(v.t, e.kind), e.description, e.externalRef ?? "", e.correctsId ?? "", centsToDecimal(e.amountCents), centsToDecimal(e.balanceCents)]);
  rows.push(["", s.period.to, h("closing"), label, "", "", "", centsToDecimal(f.closingCents)]);
  rows.push([]);
  rows.push([h("totalsSection"), "", h("kind"), "", "", "", "", h("total")]);
  for (const k of ENTRY_KINDS) rows.push(["", "", kindLabel(v.t, k), "", "", "", "", centsToDecimal(f.totals[k])]);
  rows.push([]);
  rows.push([h("issued"), "", issuedLine(v, s), "", "", "", "", ""]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Column weights so the longest word of each column fits its width: a cell may wrap between
 * words, never inside one ("Expense reim / bursement"). Character counts stand in for widths; CJK
 * text breaks between characters anyway, so its columns need no more than their share.
 */
export function columnWeights(columns: readonly string[], rows: readonly (readonly string[])[], minimum: readonly number[]): number[] {
  const longestWord = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => (/[\u3000-\u9fff]/.test(w) ? 2 : w.length)));
  return columns.map((label, i) => Math.max(minimum[i] ?? 1, longestWord(label) * 0.16, ...rows.map((r) => longestWord(r[i] ?? "") * 0.16)));
}

/** What the PDF says, for the one PDF writer. */
export async function statementPdfSpec(v: View & { locale: string }, s: IssuedStatement): Promise<PdfSpec> {
  const f = s.figures;
  const days = await correctedDays(v, f.lines);
  const money = (c: number) => v.fmt.money(c);
  const labels = [v.t("rebate.csv.date"), "#", v.t("rebate.csv.kind"), v.t("rebate.csv.description"), v.t("rebate.csv.reference"), v.t("rebate.csv.amount"), v.t("rebate.csv.balance")];
  const rows = f.lines.map((e) => {
    const corrects = correctsText(v, e, days);
    return [v.fmt.dateShort(e.postedOn), String(e.id), kindLabel(v.t, e.kind), corrects ? `${e.description} (${corrects})` : e.description, e.externalRef ?? "", money(e.amountCents), money(e.balanceCents)];
  });
  const weights = columnWeights(labels, rows, [1.3, 0.6, 1.2, 2.6, 1.4, 1.3, 1.3]);
  const align = [undefined, undefined, undefined, undefined, undefined, "right", "right"] as const;
  return {
    title: v.t("rebate.statement.title", { code: s.sl.code, name: s.sl.name }),
    subtitle: `${unionName()} · ${periodText(v, s.period)}`,
    locale: v.locale,
    footer: v.t("rebate.statement.pdfFooter"),
    blocks: [
      { kind: "paragraph", text: v.t("rebate.statement.generatedOn", { date: v.fmt.dateShort(s.issuedAt), id: s.id }) },
      { kind: "note", text: issuedLine(v, s) },
      {
        kind: "table",
        columns: [{ label: v.t("rebate.statement.opening"), weight: 2 }, { label: v.t("rebate.csv.amount"), align: "right" }],
        rows: [[v.fmt.dateShort(s.period.from), money(f.openingCents)]],
      },
      { kind: "heading", text: v.t("rebate.statement.entries", { count: f.lines.length }) },
      { kind: "table", columns: labels.map((label, i) => ({ label, weight: weights[i], ...(align[i] ? { align: align[i] } : {}) })), rows },
      { kind: "heading", text: v.t("rebate.statement.totals") },
      {
        kind: "table",
        columns: [{ label: v.t("rebate.csv.kind"), weight: 2 }, { label: v.t("rebate.csv.amount"), align: "right" }],
        rows: [...ENTRY_KINDS.map((k) => [kindLabel(v.t, k), money(f.totals[k])]), [v.t("rebate.statement.closing"), money(f.closingCents)]],
      },
      { kind: "note", text: v.t("rebate.statement.arithmetic", { opening: money(f.openingCents), entries: money(f.closingCents - f.openingCents), closing: money(f.closingCents) }) },
    ],
  };
}

export async function statementPdf(v: View & { locale: string }, s: IssuedStatement): Promise<Buffer> {
  // Written on a worker thread (statement.worker.ts): the event loop stays free meanwhile.
  const bytes = await runInWorker<Uint8Array>("rebate/statement", "statementPdf", await statementPdfSpec(v, s));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The message, CSV and PDF of one issued statement, written for the reader of `v`. */
export async function statementMessage(v: View & { locale: string }, s: IssuedStatement): Promise<{ blocks: Block[]; files: FileAttachment[] }> {
  const base = `statement-${s.sl.code}-${s.period.label.replace(/[^0-9A-Za-z-]+/g, "_")}`;
  const files: FileAttachment[] = [
    { name: `${base}.csv`, mime: "text/csv", data: statementCsv(v, s), title: v.t("rebate.statement.csvTitle") },
    { name: `${base}.pdf`, mime: "application/pdf", data: await statementPdf(v, s), title: v.t("rebate.statement.pdfTitle") },
  ];
  return { blocks: await statementBlocks(v, s), files };
}
