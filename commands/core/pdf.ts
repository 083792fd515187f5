// The one PDF writer: printable reports and board packets in any of the five languages, with the
// same header (union name, title), footer ("Page N of M") and fonts everywhere. Built on pdfkit,
// which subsets the fonts it embeds, so a PDF carries only the glyphs it uses.
//
//   const pdf = await renderPdf({ title, subtitle, locale, blocks: [
//     { kind: "paragraph", text }, { kind: "image", png, alt },
//     { kind: "table", columns: [{ label: "Worksite" }, { label: "Members", align: "right" }], rows },
//   ] });
import { isMainThread } from "node:worker_threads";
import PDFDocument from "pdfkit";
import { fontFiles, parsedFont } from "./fonts.ts";
import { runInWorker } from "./pool.ts";

// pdfkit accepts an already-parsed fontkit font (anything with layout()): each font file is parsed
// once per process (fonts.ts), not once per document.

export interface PdfTableColumn {
  label: string;
  align?: "left" | "right" | "center";
  /** Relative width (default 1): a column of weight 2 is twice as wide as one of weight 1. */
  weight?: number;
}

export type PdfBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  /** Small grey text: sources, footnotes, privacy notes. */
  | { kind: "note"; text: string }
  /** A table; long tables continue on the next page with the header row repeated. */
  | { kind: "table"; columns: PdfTableColumn[]; rows: (string | number)[][]; caption?: string }
  /** A PNG (a chart), scaled to the text width (or `width` points), never split over two pages. */
  | { kind: "image"; png: Buffer; width?: number; alt?: string };

export interface PdfSpec {
  title: string;
  subtitle?: string;
  /** Shown in every page header; default UNION_NAME, else "unionhall". */
  unionName?: string;
  /** Language of the document ("en", "es", "vi", "zh-Hans", "ru"): page numbers and metadata. */
  locale?: string;
  blocks: PdfBlock[];
  /** "Page 2 of 5" in the document's language; built in for the five languages when omitted. */
  pageLabel?: (page: number, pages: number) => string;
  /** A line at the foot of every page, left of the page number (e.g. "Aggregates only"). */
  footer?: string;
}

const PAGE_LABELS: Record<string, (n: number, m: number) => string> = {
  en: (n, m) => `Page ${n} of ${m}`,
  es: (n, m) => `Página ${n} de ${m}`,
  vi: (n, m) => `Trang ${n} / ${m}`,
  zh: (n, m) => `第 ${n} 页，共 ${m} 页`,
  ru: (n, m) => `Страница ${n} из ${m}`,
};

export function defaultPageLabel(locale = "en"): (n: number, m: number) => string {
  return PAGE_LABELS[locale.slice(0, 2).toLowerCase()] ?? PAGE_LABELS.en!;
}

export function unionName(env: NodeJS.ProcessEnv = process.env): string {
  return env.UNION_NAME?.trim() || "unionhall";
}

// Noto Sans has no Han glyphs; Noto Sans Hans has Latin, Vietnamese and Cyrillic too, so a string
// holding any CJK character is set wholly in it (one font per string: no mid-word font switch).
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

const INK = "#212529";
const GREY = "#6c757d";
const RULE = "#dee2e6";
const HEAD_FILL = "#f1f3f5";
const MARGIN = 50;

type Doc = PDFKit.PDFDocument;

function hasCjk(spec: PdfSpec): boolean {
  const texts = [spec.title, spec.subtitle ?? "", spec.unionName ?? unionName(), spec.footer ?? "", spec.pageLabel?.(1, 1) ?? defaultPageLabel(spec.locale)(1, 1)];
  for (const b of spec.blocks) {
    if (b.kind === "heading" || b.kind === "paragraph" || b.kind === "note") texts.push(b.text);
    else if (b.kind === "bullets") texts.push(...b.items);
    else if (b.kind === "table") texts.push(b.caption ?? "", ...b.columns.map((c) => c.label), ...b.rows.flat().map(String));
  }
  return texts.some((t) => CJK.test(t));
}

function useFont(doc: Doc, text: string, bold = false): Doc {
  const cjk = CJK.test(text);
  return doc.font(cjk ? (bold ? "cjk-bold" : "cjk") : bold ? "bold" : "regular");
}

function newDoc(spec: PdfSpec): Doc {
  const f = fontFiles();
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: MARGIN + 22, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: spec.locale ?? "en",
    displayTitle: true,
    info: { Title: spec.title, Author: spec.unionName ?? unionName(), Subject: spec.subtitle ?? spec.title, Creator: "unionhall" },
    // No `font` here: pdfkit would open Noto Sans by path first, and then never cache it under
    // "regular" (same font name), parsing the whole font again on every doc.font("regular") call.
  });
  const register = (name: string, file: string) => doc.registerFont(name, parsedFont(file) as unknown as Buffer);
  register("regular", f.regular);
  register("bold", f.bold);
  // Parsing the 8 MB Chinese font costs more than the rest of a report: only when a text needs it.
  const cjk = hasCjk(spec);
  register("cjk", cjk ? f.cjk : f.regular);
  register("cjk-bold", cjk ? f.cjkBold : f.bold);
  return doc;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function text(doc: Doc, s: string, opts: { size: number; bold?: boolean; color?: string; gap?: number }): void {
  useFont(doc, s, opts.bold).fontSize(opts.size).fillColor(opts.color ?? INK);
  ensureSpace(doc, doc.currentLineHeight(true));
  doc.text(s, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(opts.gap ?? 0.5);
}

function table(doc: Doc, block: Extract<PdfBlock, { kind: "table" }>): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const total = block.columns.reduce((s, c) => s + (c.weight ?? 1), 0);
  const widths = block.columns.map((c) => (width * (c.weight ?? 1)) / total);
  const pad = 4;
  const size = 9.5;

  // Most cells fit on one line: measuring the width is far cheaper than laying out the height.
  const cellHeight = (c: string, i: number, bold: boolean) => {
    useFont(doc, c, bold).fontSize(size);
    const w = widths[i]! - 2 * pad;
    return !c.includes("\n") && doc.widthOfString(c) <= w ? doc.currentLineHeight() : doc.heightOfString(c, { width: w });
  };
  const rowHeight = (cells: string[], bold: boolean) => Math.max(...cells.map((c, i) => cellHeight(c, i, bold))) + 2 * pad;
  const drawRow = (cells: string[], header: boolean, h = rowHeight(cells, header)) => {
    const y = doc.y;
    if (header) doc.rect(left, y, width, h).fill(HEAD_FILL);
    let x = left;
    cells.forEach((c, i) => {
      useFont(doc, c, header).fontSize(size).fillColor(INK);
      doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: block.columns[i]?.align ?? "left" });
      x += widths[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.y = y + h;
  };
  const header = block.columns.map((c) => c.label);
  // The caption, the header row and a first row stay together on one page.
  const firstRow = block.rows[0] ? rowHeight(block.columns.map((_, i) => String(block.rows[0]![i] ?? "")), false) : 0;
  const captionHeight = block.caption ? useFont(doc, block.caption, true).fontSize(11).heightOfString(block.caption, { width }) + 6 : 0;
  ensureSpace(doc, captionHeight + rowHeight(header, true) + firstRow);
  if (block.caption) text(doc, block.caption, { size: 11, bold: true, gap: 0.3 });
  drawRow(header, true);
  for (const row of block.rows) {
    const cells = block.columns.map((_, i) => String(row[i] ?? ""));
    const h = rowHeight(cells, false);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(cells, false, h);
  }
  doc.x = left;
  doc.moveDown(0.8);
}

function image(doc: Doc, block: Extract<PdfBlock, { kind: "image" }>): void {
  const img = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(block.png);
  const w = Math.min(block.width ?? contentWidth(doc), contentWidth(doc));
  let h = (img.height / img.width) * w;
  const maxH = bottom(doc) - doc.page.margins.top;
  const scale = h > maxH ? maxH / h : 1;
  h *= scale;
  ensureSpace(doc, h);
  doc.image(block.png, doc.page.margins.left, doc.y, { width: w * scale, height: h });
  doc.y += h + 8;
  doc.x = doc.page.margins.left;
}

/** Header and footer on every page, once the page count is known. */
function decorate(doc: Doc, spec: PdfSpec): void {
  const label = spec.pageLabel ?? defaultPageLabel(spec.locale);
  const union = spec.unionName ?? unionName();
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const m = doc.page.margins;
    const saved = { top: m.top, bottom: m.bottom };
    // Writing inside the margins would otherwise start a new page.
    m.top = 0;
    m.bottom = 0;
    const w = doc.page.width - m.left - m.right;
    useFont(doc, union, true).fontSize(8.5).fillColor(GREY).text(union, m.left, MARGIN - 6, { width: w / 2, lineBreak: false, ellipsis: true });
    useFont(doc, spec.title).fontSize(8.5).text(spec.title, m.left + w / 2, MARGIN - 6, { width: w / 2, align: "right", lineBreak: false, ellipsis: true });
    doc.moveTo(m.left, MARGIN + 8).lineTo(m.left + w, MARGIN + 8).lineWidth(0.5).strokeColor(RULE).stroke();
    const footY = doc.page.height - MARGIN + 4;
    if (spec.footer) useFont(doc, spec.footer).fontSize(8).fillColor(GREY).text(spec.footer, m.left, footY, { width: w * 0.7, lineBreak: false, ellipsis: true });
    const page = label(i - start + 1, count);
    useFont(doc, page).fontSize(8).fillColor(GREY).text(page, m.left + w * 0.7, footY, { width: w * 0.3, align: "right", lineBreak: false });
    m.top = saved.top;
    m.bottom = saved.bottom;
  }
}

/**
 * Writes the document; resolves with the PDF's bytes. From the main thread the writing runs on
 * the worker pool (pdf.worker.ts) — font shaping and subsetting take tens of milliseconds — unless
 * the spec carries a pageLabel function, which cannot cross to a thread.
 */
export async function renderPdf(spec: PdfSpec): Promise<Buffer> {
  if (!isMainThread || spec.pageLabel) return drawPdf(spec);
  const bytes = await runInWorker<Uint8Array>("core/pdf", "pdf", spec);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes the document in this thread. */
export function drawPdf(spec: PdfSpec): Promise<Buffer> {
  const doc = newDoc(spec);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  text(doc, spec.title, { size: 18, bold: true, gap: 0.2 });
  if (spec.subtitle) text(doc, spec.subtitle, { size: 11, color: GREY, gap: 0.8 });
  for (const b of spec.blocks) {
    switch (b.kind) {
      case "heading":
        doc.moveDown(0.3);
        text(doc, b.text, { size: 13, bold: true, gap: 0.3 });
        break;
      case "paragraph":
        text(doc, b.text, { size: 10.5 });
        break;
      case "note":
        text(doc, b.text, { size: 8.5, color: GREY });
        break;
      case "bullets":
        for (const item of b.items) text(doc, `•  ${item}`, { size: 10.5, gap: 0.15 });
        doc.moveDown(0.4);
        break;
      case "table":
        table(doc, b);
        break;
      case "image":
        image(doc, b);
        break;
    }
  }
  decorate(doc, spec);
  doc.end();
  return done;
}
