// A statement of one period: opening balance, every entry with the running balance, totals by
// kind and the closing balance, as a chat message, a CSV and a printable PDF. Every figure in the
// three comes from the same StatementFigures, so they agree to the cent.
import { entriesBetween, sumBefore, ENTRY_KINDS, type AccountRow, type SubLocalInfo } from "../../db/rebate.ts";
import { unionName, type PdfSpec } from "../core/pdf.ts";
import { runInWorker } from "../core/pool.ts";
import type { Block, FileAttachment } from "../core/reply.ts";
import { entryLine, kindLabel, type View } from "./common.ts";
import { statementFigures, type StatementFigures } from "./ledger.ts";
import { centsToDecimal } from "./money.ts";
import type { Period } from "./period.ts";

/** Entries shown in the chat message itself; the files always carry all of them. */
export const MESSAGE_LINES = 15;

export function statementData(v: Pick<View, "store">, account: AccountRow, period: Period): StatementFigures {
  return statementFigures(sumBefore(v.store, account.id, period.from), entriesBetween(v.store, account.id, period.from, period.to));
}

export function periodText(v: View, period: Period): string {
  return `${period.label} (${v.fmt.dateShort(period.from)} – ${v.fmt.dateShort(period.to)})`;
}

export function statementBlocks(v: View, sl: SubLocalInfo, period: Period, f: StatementFigures): Block[] {
  const totals = ENTRY_KINDS.filter((k) => f.totals[k] !== 0).map((k) => ({ label: kindLabel(v.t, k), value: v.fmt.money(f.totals[k]) }));
  const shown = f.lines.slice(0, MESSAGE_LINES);
  return [
    {
      type: "section",
      title: v.t("rebate.statement.title", { code: sl.code, name: sl.name }),
      text: periodText(v, period),
      fields: [{ label: v.t("rebate.statement.opening"), value: v.fmt.money(f.openingCents) }, ...totals, { label: v.t("rebate.statement.closing"), value: v.fmt.money(f.closingCents) }],
    },
    {
      type: "list",
      title: v.t("rebate.statement.entries", { count: f.lines.length }),
      items: shown.map((e) => ({ text: entryLine(v, e), detail: v.t("rebate.statement.balanceAfter", { amount: v.fmt.money(e.balanceCents) }) })),
      empty: v.t("rebate.statement.noEntries"),
    },
    ...(f.lines.length > shown.length ? [{ type: "context" as const, text: v.t("rebate.statement.moreInFiles", { count: f.lines.length - shown.length }) }] : []),
  ];
}

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function cell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && !/^-?\d+\.\d{2}$/.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statementCsv(v: View, sl: SubLocalInfo, period: Period, f: StatementFigures): string {
  const h = (k: string) => v.t(`rebate.csv.${k}`);
  const rows: (string | number)[][] = [[h("entry"), h("date"), h("kind"), h("description"), h("reference"), h("corrects"), h("amount"), h("balance")]];
  rows.push(["", period.from, h("opening"), `${sl.code} ${period.label}`, "", "", "", centsToDecimal(f.openingCents)]);
  for (const e of f.lines) rows.push([e.id, e.postedOn, e.kind, e.description, e.externalRef ?? "", e.correctsId ?? "", centsToDecimal(e.amountCents), centsToDecimal(e.balanceCents)]);
  rows.push(["", period.to, h("closing"), `${sl.code} ${period.label}`, "", "", "", centsToDecimal(f.closingCents)]);
  for (const k of ENTRY_KINDS) rows.push(["", "", `${h("total")}: ${k}`, "", "", "", centsToDecimal(f.totals[k]), ""]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** What the PDF says, for the one PDF writer. */
export function statementPdfSpec(v: View & { locale: string }, sl: SubLocalInfo, period: Period, f: StatementFigures): PdfSpec {
  const money = (c: number) => v.fmt.money(c);
  return {
    title: v.t("rebate.statement.title", { code: sl.code, name: sl.name }),
    subtitle: `${unionName()} · ${periodText(v, period)}`,
    locale: v.locale,
    footer: v.t("rebate.statement.pdfFooter"),
    blocks: [
      {
        kind: "table",
        columns: [{ label: v.t("rebate.statement.opening"), weight: 2 }, { label: v.t("rebate.csv.amount"), align: "right" }],
        rows: [[v.fmt.dateShort(period.from), money(f.openingCents)]],
      },
      { kind: "heading", text: v.t("rebate.statement.entries", { count: f.lines.length }) },
      {
        kind: "table",
        columns: [
          { label: v.t("rebate.csv.date"), weight: 1.2 },
          { label: "#", weight: 0.6 },
          { label: v.t("rebate.csv.kind"), weight: 1.2 },
          { label: v.t("rebate.csv.description"), weight: 3 },
          { label: v.t("rebate.csv.amount"), align: "right", weight: 1.3 },
          { label: v.t("rebate.csv.balance"), align: "right", weight: 1.3 },
        ],
        rows: f.lines.map((e) => [
          v.fmt.dateShort(e.postedOn),
          String(e.id),
          kindLabel(v.t, e.kind),
          e.correctsId ? `${e.description} (${v.t("rebate.statement.corrects", { id: e.correctsId })})` : e.description,
          money(e.amountCents),
          money(e.balanceCents),
        ]),
      },
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

export async function statementPdf(v: View & { locale: string }, sl: SubLocalInfo, period: Period, f: StatementFigures): Promise<Buffer> {
  // Written on a worker thread (statement.worker.ts): the event loop stays free meanwhile.
  const bytes = await runInWorker<Uint8Array>("rebate/statement", "statementPdf", statementPdfSpec(v, sl, period, f));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The message, CSV and PDF of one statement. */
export async function statementMessage(v: View & { locale: string }, sl: SubLocalInfo, account: AccountRow, period: Period): Promise<{ blocks: Block[]; files: FileAttachment[]; figures: StatementFigures }> {
  const f = statementData(v, account, period);
  const base = `statement-${sl.code}-${period.label.replace(/[^0-9A-Za-z-]+/g, "_")}`;
  const files: FileAttachment[] = [
    { name: `${base}.csv`, mime: "text/csv", data: statementCsv(v, sl, period, f), title: v.t("rebate.statement.csvTitle") },
    { name: `${base}.pdf`, mime: "application/pdf", data: await statementPdf(v, sl, period, f), title: v.t("rebate.statement.pdfTitle") },
  ];
  return { blocks: statementBlocks(v, sl, period, f), files, figures: f };
}
