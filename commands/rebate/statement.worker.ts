// Writing a statement's PDF takes tens of milliseconds of font shaping: it runs on a worker thread
// (commands/core/pool.ts), so no acknowledgement and no other command waits behind it.
import { renderPdf, type PdfSpec } from "../core/pdf.ts";

export async function statementPdf(spec: PdfSpec): Promise<Uint8Array> {
  return renderPdf(spec);
}
