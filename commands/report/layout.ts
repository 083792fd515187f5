// The one layout every report has: a plain-language summary of what changed and why it matters,
// the key figures, a chart (PNG, with its text alternative), the full table as CSV, and a PDF for
// printing or the board packet. The figures arrive already suppressed (see privacy.ts).
import { renderChart } from "../core/chart/index.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { renderPdf } from "../core/pdf.ts";
import { reply, type Block, type Reply, type Visibility } from "../core/reply.ts";
import { cellCsv, cellText, toCsv } from "./format.ts";
import type { ReportDoc } from "./model.ts";

/** Rows listed in the chat message; the CSV and PDF have them all. */
const CHAT_ROWS = 10;

export interface RenderedReport {
  reply: Reply;
  png: Buffer;
  csv: string;
  pdf: Buffer;
}

export async function renderReport(doc: ReportDoc, stamp: string, t: Translate, fmt: Formatter, visibility: Visibility): Promise<RenderedReport> {
  const chart = await renderChart({ ...doc.chart, locale: fmt.locale });
  const header = doc.table.columns.map((c) => c.key);
  const csv = toCsv(header, doc.table.rows.map((r) => r.map((c) => cellCsv(c, t))));
  const privacy = t("report.layout.privacy");
  const pdf = await renderPdf({
    title: doc.title,
    subtitle: doc.subtitle,
    locale: fmt.locale,
    footer: privacy,
    blocks: [
      { kind: "heading", text: t("report.layout.whatChanged") },
      ...doc.summary.map((text) => ({ kind: "paragraph" as const, text })),
      { kind: "heading", text: t("report.layout.whyItMatters") },
      { kind: "paragraph", text: doc.why },
      { kind: "table", columns: [{ label: t("report.layout.figure"), weight: 2 }, { label: t("report.layout.value"), align: "right" }], rows: doc.highlights.map((h) => [h.label, h.value]) },
      { kind: "image", png: chart.png, alt: chart.alt },
      { kind: "note", text: t("report.layout.chartText", { text: chart.alt }) },
      {
        kind: "table",
        caption: doc.table.title,
        columns: doc.table.columns.map((c, i) => ({ label: c.label, align: c.numeric ? "right" : "left", weight: i === 0 ? 2.2 : 1 })),
        rows: doc.table.rows.map((r) => r.map((c) => cellText(c, t, fmt))),
      },
      ...doc.notes.map((text) => ({ kind: "note" as const, text })),
      { kind: "note", text: privacy },
    ],
  });

  const first = doc.table.columns[0]!;
  const rest = doc.table.columns.slice(1);
  const blocks: Block[] = [
    reply.section(`${doc.title} — ${doc.subtitle}`, doc.highlights),
    reply.text(`*${t("report.layout.whatChanged")}*\n${doc.summary.join("\n")}`),
    reply.text(`*${t("report.layout.whyItMatters")}* ${doc.why}`),
    reply.list(
      doc.table.title,
      doc.table.rows.slice(0, CHAT_ROWS).map((r) => ({
        text: cellText(r[0] ?? "", t, fmt) || first.label,
        // A hidden cell is null: it reads "fewer than 5" here as in the CSV and PDF (never blank).
        detail: rest.map((c, i) => `${c.label} ${cellText(r[i + 1] === undefined ? "" : r[i + 1]!, t, fmt)}`).join(" · "),
      })),
      t("report.layout.noRows"),
    ),
    ...(doc.table.rows.length > CHAT_ROWS ? [reply.context(t("report.layout.moreRows", { count: doc.table.rows.length - CHAT_ROWS }))] : []),
    reply.context(`${privacy} ${t("report.layout.files")}`),
  ];
  return {
    png: chart.png,
    csv,
    pdf,
    reply: {
      visibility,
      blocks,
      files: [
        { name: `${doc.name}-${stamp}.png`, mime: "image/png", data: chart.png, title: doc.chart.title ?? doc.title, alt: chart.alt },
        { name: `${doc.name}-${stamp}.csv`, mime: "text/csv", data: csv, title: doc.table.title },
        { name: `${doc.name}-${stamp}.pdf`, mime: "application/pdf", data: pdf, title: doc.title },
      ],
    },
  };
}
