// The one PDF writer: printable reports and board packets in any of the five languages, with the
// same header (union name, title), footer ("Page N of M") and fonts everywhere. Built on pdfkit,
// which subsets the fonts it embeds, so a PDF carries only the glyphs it uses.
//
//   const pdf = await renderPdf({ title, subtitle, locale, blocks: [
//     { kind: "paragraph", text }, { kind: "image", png, alt },
//     { kind: "table", columns: [{ label: "Worksite" }, { label: "Members", align: "right" }], rows },
//   ] });
import { isMainThread } from "node:worker_threads";
import fs from "node:fs";
import { fontFiles, parsedFont, type ParsedFont } from "./fonts.ts";
import { lazy } from "./lazy.ts";
import { markdownLines } from "./markdown.ts";
import { runInWorker } from "./pool.ts";

/** pdfkit loads with the first PDF (on a worker), not at start-up. */
const pdfkit = lazy<typeof import("pdfkit")>("pdfkit");

// pdfkit accepts an already-parsed fontkit font (anything with layout()): each font file is parsed
// once per process (fonts.ts), not once per document.

export interface PdfTableColumn {
  label: string;
  align?: "left" | "right" | "center";
  /** Relative width (default 1): a column of weight 2 is twice as wide as one of weight 1. */
  weight?: number;
}

/** A piece of text in one style: Markdown's **bold** and *italic* as the reader sees them. */
export interface PdfRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type PdfBlock =
  | { kind: "heading"; text: string }
  /** Styled text (from Markdown: see markdownToPdf): a paragraph, a heading, a list item or a quote. */
  | { kind: "rich"; style: "paragraph" | "heading" | "item" | "quote"; runs: PdfRun[]; marker?: string; depth?: number }
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
  /** A PNG or JPEG shown left of the union's name on every page; default the UNION_LOGO file, if any. */
  logo?: Buffer | null;
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

let logoCache: { path: string; bytes: Buffer | null } | undefined;

/**
 * The union's logo (UNION_LOGO: a PNG or JPEG file), read once; null when none is set or the file
 * is not a PNG or JPEG (a document is never refused for a missing logo).
 */
export function unionLogo(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const path = env.UNION_LOGO?.trim() ?? "";
  if (logoCache?.path === path) return logoCache.bytes;
  let bytes: Buffer | null = null;
  if (path) {
    try {
      const b = fs.readFileSync(path);
      const png = b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const jpeg = b[0] === 0xff && b[1] === 0xd8;
      bytes = png || jpeg ? b : null;
    } catch {
      bytes = null;
    }
  }
  logoCache = { path, bytes };
  return bytes;
}

/** Markdown as the PDF's styled blocks (headings, paragraphs, list items with bold and italic). */
export function markdownToPdf(md: string): PdfBlock[] {
  return markdownLines(md).map((l): PdfBlock => {
    const runs = l.runs.map((r): PdfRun => ({ text: r.text, ...(r.bold || l.kind === "heading" ? { bold: true } : {}), ...(r.italic || l.kind === "quote" ? { italic: true } : {}) }));
    if (l.kind === "item") return { kind: "rich", style: "item", runs, marker: l.marker ?? "•", depth: l.depth };
    if (l.kind === "heading") return { kind: "rich", style: "heading", runs };
    if (l.kind === "quote") return { kind: "rich", style: "quote", runs };
    return { kind: "rich", style: "paragraph", runs };
  });
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
    else if (b.kind === "rich") texts.push(...b.runs.map((r) => r.text));
    else if (b.kind === "bullets") texts.push(...b.items);
    else if (b.kind === "table") texts.push(b.caption ?? "", ...b.columns.map((c) => c.label), ...b.rows.flat().map(String));
  }
  return texts.some((t) => CJK.test(t));
}

const parsedOf = new WeakMap<Doc, Record<string, ParsedFont>>();

/** Stand-ins for symbols our fonts lack; anything else missing (emoji) is left out, never a box. */
const SUBSTITUTES: Record<string, string[]> = {
  "→": ["->"],
  "←": ["<-"],
  "⇒": ["=>"],
  "✔": ["✓"],
  "✅": ["✓"],
  "☑": ["[x]"],
  "☐": ["[ ]"],
  "❌": ["✗", "x"],
  "★": ["*"],
  "⚠": ["!"],
};

/**
 * The text with every character the font has no glyph for replaced by a stand-in, or left out
 * (with the joiners and variation selectors that belonged to it), so no viewer shows ☒.
 */
export function printable(font: ParsedFont, text: string): string {
  // Plain ASCII is in every font we embed: the common case costs one test.
  if (/^[\x20-\x7e\n\t]*$/.test(text)) return text;
  let out = "";
  let dropped = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
    if (ch === "\n" || ch === "\t" || font.hasGlyphForCodePoint(cp)) {
      // A space right after a left-out symbol ("✅ Done") goes with it.
      if (!(dropped && ch === " " && (out === "" || out.endsWith(" ") || out.endsWith("\n")))) out += ch;
      dropped = false;
      continue;
    }
    const sub = SUBSTITUTES[ch]?.find((s) => [...s].every((c) => font.hasGlyphForCodePoint(c.codePointAt(0)!)));
    if (sub !== undefined) out += sub;
    else dropped = true;
  }
  return out;
}

type FontStyle = { bold?: boolean; italic?: boolean };

function fontName(cjk: boolean, style: FontStyle): string {
  if (cjk) return style.bold ? "cjk-bold" : "cjk";
  return style.bold ? (style.italic ? "bold-italic" : "bold") : style.italic ? "italic" : "regular";
}

/** Sets the font for `text` (Chinese font when it holds any Han character) and returns what can be printed in it. */
function useFont(doc: Doc, text: string, bold: boolean | FontStyle = false, cjk = CJK.test(text)): string {
  const name = fontName(cjk, typeof bold === "boolean" ? { bold } : bold);
  doc.font(name);
  const font = parsedOf.get(doc)?.[name];
  return font ? printable(font, text) : text;
}

const widthCache = new WeakMap<Doc, Map<string, number>>();

/** A word's width in the current font and size, measured once per document. */
function wordWidth(doc: Doc, word: string): number {
  let cache = widthCache.get(doc);
  if (!cache) widthCache.set(doc, (cache = new Map()));
  const key = `${(doc as unknown as { _font: { name: string } })._font?.name}|${(doc as unknown as { _fontSize: number })._fontSize}|${word}`;
  let w = cache.get(key);
  if (w === undefined) cache.set(key, (w = doc.widthOfString(word)));
  return w;
}

function newDoc(spec: PdfSpec): Doc {
  const f = fontFiles();
  const doc = new (pdfkit())({
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
  const parsed: Record<string, ParsedFont> = {};
  const register = (name: string, file: string) => {
    parsed[name] = parsedFont(file);
    doc.registerFont(name, parsed[name] as unknown as Buffer);
  };
  register("regular", f.regular);
  register("bold", f.bold);
  register("italic", f.italic);
  register("bold-italic", f.boldItalic);
  // Parsing the 8 MB Chinese font costs more than the rest of a report: only when a text needs it.
  const cjk = hasCjk(spec);
  register("cjk", cjk ? f.cjk : f.regular);
  register("cjk-bold", cjk ? f.cjkBold : f.bold);
  parsedOf.set(doc, parsed);
  return doc;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function text(doc: Doc, s: string, opts: { size: number; bold?: boolean; color?: string; gap?: number }): void {
  const shown = useFont(doc, s, opts.bold);
  doc.fontSize(opts.size).fillColor(opts.color ?? INK);
  ensureSpace(doc, doc.currentLineHeight(true));
  doc.text(shown, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(opts.gap ?? 0.5);
}

/** Styled runs as one paragraph (pdfkit's `continued` text), all in the Chinese font when any run needs it. */
function rich(doc: Doc, b: Extract<PdfBlock, { kind: "rich" }>): void {
  const size = b.style === "heading" ? 13 : 10.5;
  const cjk = b.runs.some((r) => CJK.test(r.text));
  const indent = b.style === "item" ? 14 * (b.depth ?? 0) : b.style === "quote" ? 12 : 0;
  const runs = b.style === "item" ? [{ text: `${b.marker ?? "•"}  ` }, ...b.runs] : b.runs;
  const shown = runs.map((r) => ({ ...r, text: useFont(doc, r.text, r, cjk) })).filter((r) => r.text !== "");
  if (shown.length === 0) return;
  if (b.style === "heading") doc.moveDown(0.3);
  doc.fontSize(size).fillColor(b.style === "quote" ? GREY : INK);
  ensureSpace(doc, doc.currentLineHeight(true));
  const x = doc.page.margins.left + indent;
  const width = contentWidth(doc) - indent;
  shown.forEach((r, i) => {
    useFont(doc, r.text, r, cjk);
    doc.fontSize(size);
    const last = i === shown.length - 1;
    if (i === 0) doc.text(r.text, x, doc.y, { width, continued: !last });
    else doc.text(r.text, { continued: !last });
  });
  doc.x = doc.page.margins.left;
  doc.moveDown(b.style === "item" ? 0.15 : b.style === "heading" ? 0.3 : 0.5);
}

/**
 * The widest piece of `text` a line may not break inside: a word, or one Chinese character. A
 * column header keeps its Chinese words whole (`whole`): "会员人数变化" on one line, never "会员人数变 / 化".
 */
function longestPiece(doc: Doc, text: string, bold: boolean, whole = false): number {
  const shown = useFont(doc, text, bold);
  let widest = 0;
  for (const word of shown.split(/\s+/)) {
    // Han text breaks between any two characters: its widest unbreakable piece is one character.
    const parts = CJK.test(word) && !whole ? [...word] : [word];
    for (const p of parts) widest = Math.max(widest, wordWidth(doc, p));
  }
  return widest;
}

/**
 * Column widths by weight, each widened to its longest word (so "Expense reimbursement" wraps
 * between words, never inside one), the others giving up the room in proportion to their weights.
 * When even the longest words do not fit side by side, widths follow the words' share.
 */
function columnWidths(doc: Doc, block: Extract<PdfBlock, { kind: "table" }>, width: number, pad: number, size: number): number[] {
  const n = block.columns.length;
  const min = block.columns.map((c, i) => {
    doc.fontSize(size);
    let w = longestPiece(doc, c.label, true, true);
    for (const r of block.rows) w = Math.max(w, longestPiece(doc, String(r[i] ?? ""), false));
    return w + 2 * pad + 2;
  });
  const need = min.reduce((a, b) => a + b, 0);
  if (need >= width) return min.map((m) => (width * m) / need);
  const weights = block.columns.map((c) => c.weight ?? 1);
  const fixed = new Array<boolean>(n).fill(false);
  for (;;) {
    const room = width - min.reduce((a, m, i) => a + (fixed[i] ? m : 0), 0);
    const free = weights.reduce((a, w, i) => a + (fixed[i] ? 0 : w), 0);
    const widths = weights.map((w, i) => (fixed[i] ? min[i]! : (room * w) / free));
    const short = widths.findIndex((w, i) => !fixed[i] && w < min[i]!);
    if (short < 0) return widths;
    fixed[short] = true;
  }
}

function table(doc: Doc, block: Extract<PdfBlock, { kind: "table" }>): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 4;
  const size = 9.5;
  const widths = columnWidths(doc, block, width, pad, size);

  // Most cells fit on one line: measuring the width is far cheaper than laying out the height.
  const cellHeight = (raw: string, i: number, bold: boolean) => {
    const c = useFont(doc, raw, bold);
    doc.fontSize(size);
    const w = widths[i]! - 2 * pad;
    return !c.includes("\n") && doc.widthOfString(c) <= w ? doc.currentLineHeight() : doc.heightOfString(c, { width: w });
  };
  const rowHeight = (cells: string[], bold: boolean) => Math.max(...cells.map((c, i) => cellHeight(c, i, bold))) + 2 * pad;
  const drawRow = (cells: string[], header: boolean, h = rowHeight(cells, header)) => {
    const y = doc.y;
    if (header) doc.rect(left, y, width, h).fill(HEAD_FILL);
    let x = left;
    cells.forEach((raw, i) => {
      const c = useFont(doc, raw, header);
      doc.fontSize(size).fillColor(INK);
      doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: block.columns[i]?.align ?? "left" });
      x += widths[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.y = y + h;
  };
  const header = block.columns.map((c) => c.label);
  // The caption, the header row and a first row stay together on one page.
  const firstRow = block.rows[0] ? rowHeight(block.columns.map((_, i) => String(block.rows[0]![i] ?? "")), false) : 0;
  const captionHeight = block.caption ? (useFont(doc, block.caption, true), doc.fontSize(11).heightOfString(block.caption, { width }) + 6) : 0;
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
  const logo = spec.logo === undefined ? unionLogo() : spec.logo;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const m = doc.page.margins;
    const saved = { top: m.top, bottom: m.bottom };
    // Writing inside the margins would otherwise start a new page.
    m.top = 0;
    m.bottom = 0;
    const w = doc.page.width - m.left - m.right;
    let nameX = m.left;
    if (logo) {
      try {
        doc.image(logo, m.left, MARGIN - 12, { fit: [48, 18] });
        nameX += 54;
      } catch {
        // A logo file pdfkit cannot read is left out; the document still comes.
      }
    }
    const shownUnion = useFont(doc, union, true);
    doc.fontSize(8.5).fillColor(GREY).text(shownUnion, nameX, MARGIN - 6, { width: w / 2 - (nameX - m.left), lineBreak: false, ellipsis: true });
    const shownTitle = useFont(doc, spec.title);
    doc.fontSize(8.5).text(shownTitle, m.left + w / 2, MARGIN - 6, { width: w / 2, align: "right", lineBreak: false, ellipsis: true });
    doc.moveTo(m.left, MARGIN + 8).lineTo(m.left + w, MARGIN + 8).lineWidth(0.5).strokeColor(RULE).stroke();
    const footY = doc.page.height - MARGIN + 4;
    if (spec.footer) {
      const shown = useFont(doc, spec.footer);
      doc.fontSize(8).fillColor(GREY).text(shown, m.left, footY, { width: w * 0.7, lineBreak: false, ellipsis: true });
    }
    const page = useFont(doc, label(i - start + 1, count));
    doc.fontSize(8).fillColor(GREY).text(page, m.left + w * 0.7, footY, { width: w * 0.3, align: "right", lineBreak: false });
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
      case "rich":
        rich(doc, b);
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
