// PDFs are written on a worker thread (commands/core/pool.ts): pdfkit's font shaping and subsetting
// take tens of milliseconds, which no acknowledgement should wait behind.
import { drawPdf, type PdfSpec } from "./pdf.ts";

export async function pdf(spec: PdfSpec): Promise<Buffer> {
  return drawPdf(spec);
}
