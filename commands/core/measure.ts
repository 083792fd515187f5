// How wide a text is when set in the project's Noto fonts, and where it wraps to fit a width: the
// chart module lays out titles, legends and labels with it, so what it plans is what resvg draws.
// A character Noto Sans lacks (Chinese) is measured in Noto Sans Hans, as the renderers fall back.
import { breakPieces, characters } from "./cut.ts";
import { fontFiles, parsedFont, type ParsedFont } from "./fonts.ts";

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

function fonts(bold: boolean): { latin: ParsedFont; cjk: () => ParsedFont } {
  const f = fontFiles();
  return { latin: parsedFont(bold ? f.bold : f.regular), cjk: () => parsedFont(bold ? f.cjkBold : f.cjk) };
}

const cache = new Map<string, number>();

/** Width in pixels of one line of text at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  const key = `${bold ? "b" : "r"}${text}`;
  let em = cache.get(key);
  if (em === undefined) {
    const { latin, cjk } = fonts(bold);
    em = 0;
    // Runs of characters set in the same font, measured together (kerning within a run).
    let run = "";
    let runFont = latin;
    const flush = () => {
      if (run) em! += runFont.layout(run).advanceWidth / runFont.unitsPerEm;
      run = "";
    };
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const f = !CJK.test(ch) && latin.hasGlyphForCodePoint(cp) ? latin : cjk();
      if (f !== runFont) flush();
      runFont = f;
      run += ch;
    }
    flush();
    if (cache.size > 20_000) cache.clear();
    cache.set(key, em);
  }
  return em * size;
}

/**
 * The text broken into lines no wider than `width` px: at word boundaries (Intl.Segmenter, so
 * Chinese breaks between words), a word wider than a whole line between its characters.
 */
export function wrapText(text: string, size: number, width: number, opts: { bold?: boolean; locale?: string } = {}): string[] {
  const w = (s: string) => textWidth(s, size, opts.bold);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const piece of breakPieces(paragraph, opts.locale)) {
      if (w((line + piece).trimEnd()) <= width) {
        line += piece;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = piece.trimStart();
      // One word wider than the line: break it between characters.
      while (w(line.trimEnd()) > width) {
        let head = "";
        for (const ch of characters(line)) {
          if (head && w(head + ch) > width) break;
          head += ch;
        }
        lines.push(head);
        line = line.slice(head.length);
      }
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}
