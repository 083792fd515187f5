// Reads a PDF back the way a viewer would (pdf.js): pages, text per page, embedded fonts.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface ParsedPdf {
  pages: number;
  /** The text of each page, items joined by spaces. */
  text: string[];
  title: string | undefined;
}

export async function readPdf(pdf: Buffer): Promise<ParsedPdf> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const text: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      text.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
    }
    const meta = await doc.getMetadata();
    return { pages: doc.numPages, text, title: (meta.info as { Title?: string }).Title };
  } finally {
    await task.destroy();
  }
}

/** Names of the fonts embedded in the file (subset names such as "ABCDEF+NotoSans-Regular"). */
export function embeddedFonts(pdf: Buffer): string[] {
  const s = pdf.toString("latin1");
  const names = new Set<string>();
  for (const m of s.matchAll(/\/FontName \/([A-Z]{6}\+[^\s/>]+)/g)) names.add(m[1]!);
  // A font only counts as embedded when its descriptor carries the font program.
  const programs = (s.match(/\/FontFile[23]? \d+ 0 R/g) ?? []).length;
  return programs >= names.size ? [...names] : [];
}
