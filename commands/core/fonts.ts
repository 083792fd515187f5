// The fonts every chart and PDF uses, so English, Spanish, Vietnamese, Russian and Chinese all
// render with real glyphs: Noto Sans (Latin with Vietnamese diacritics, Cyrillic) and Noto Sans
// Hans (Simplified Chinese, GB 2312). Both come from npm packages installed by `npm install`
// (@embedpdf/fonts-latin, @embedpdf/fonts-sc, OFL-1.1), so a fresh machine needs nothing else.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface FontFiles {
  /** Noto Sans Regular (TTF). */
  regular: string;
  /** Noto Sans Bold (TTF). */
  bold: string;
  /** Noto Sans Italic and Bold Italic (TTF): emphasis in rendered Markdown. */
  italic: string;
  boldItalic: string;
  /** Noto Sans Hans Regular (OTF): Chinese, and the fallback for any glyph Noto Sans lacks. */
  cjk: string;
  /** Noto Sans Hans Bold (OTF). */
  cjkBold: string;
}

/** Family names as the font files declare them (what SVG `font-family` must say). */
export const FONT_FAMILY = "Noto Sans";
export const CJK_FONT_FAMILY = "Noto Sans S Chinese";

export class MissingFontsError extends Error {
  constructor(missing: string[]) {
    super(
      `Chart and PDF fonts are missing (${missing.join(", ")}). Run \`npm install\` in the project folder: ` +
        `it installs @embedpdf/fonts-latin and @embedpdf/fonts-sc, which hold them.`,
    );
    this.name = "MissingFontsError";
  }
}

let cached: FontFiles | undefined;

function packageFonts(pkg: string): string {
  const require = createRequire(import.meta.url);
  // The package exports only its index; its fonts sit in <package>/fonts beside dist/.
  return path.join(path.dirname(require.resolve(pkg)), "..", "fonts");
}

/** Paths of the font files; throws MissingFontsError with the fix when they are not installed. */
export function fontFiles(): FontFiles {
  if (cached) return cached;
  const missing: string[] = [];
  const find = (pkg: string, file: string): string => {
    try {
      const p = path.join(packageFonts(pkg), file);
      if (fs.existsSync(p)) return p;
    } catch {
      // not installed: reported below with the fix
    }
    missing.push(`${pkg}/fonts/${file}`);
    return "";
  };
  const files: FontFiles = {
    regular: find("@embedpdf/fonts-latin", "NotoSans-Regular.ttf"),
    bold: find("@embedpdf/fonts-latin", "NotoSans-Bold.ttf"),
    italic: find("@embedpdf/fonts-latin", "NotoSans-Italic.ttf"),
    boldItalic: find("@embedpdf/fonts-latin", "NotoSans-BoldItalic.ttf"),
    cjk: find("@embedpdf/fonts-sc", "NotoSansHans-Regular.otf"),
    cjkBold: find("@embedpdf/fonts-sc", "NotoSansHans-Bold.otf"),
  };
  if (missing.length) throw new MissingFontsError(missing);
  return (cached = files);
}

const bytes = new Map<string, Buffer>();

/** A font file's bytes, read once per process. */
export function fontBytes(file: string): Buffer {
  let b = bytes.get(file);
  if (!b) bytes.set(file, (b = fs.readFileSync(file)));
  return b;
}

/** The glyph-level view of a font that layout needs (fontkit's, the very copy pdfkit uses). */
export interface ParsedFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { advanceWidth: number };
}

// Resolved from pdfkit, so it is never a second copy of fontkit.
const fontkit = createRequire(createRequire(import.meta.url).resolve("pdfkit"))("fontkit") as { create(data: Uint8Array): ParsedFont };
const parsedFonts = new Map<string, ParsedFont>();

/** A font file parsed once per process (parsing Noto Sans costs ~100 ms; the Chinese font more). */
export function parsedFont(file: string): ParsedFont {
  let font = parsedFonts.get(file);
  if (!font) parsedFonts.set(file, (font = fontkit.create(fontBytes(file))));
  return font;
}
