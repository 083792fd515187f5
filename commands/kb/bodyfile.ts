// A document's text as a Markdown file, both ways. Past the longest text a chat form can hold
// (Slack's multi-line input takes 3,000 characters), a document is edited through a file: the bot
// hands over the current text as a .md file and takes the whole new text back the same way, so a
// form never holds, and a save never keeps, a cut body.

/** The longest text a chat form holds (Slack's plain_text_input; Discord allows more). */
export const FORM_BODY_MAX = 3000;
/** The longest text a document may have (a long contract is about 150,000 characters). */
export const DOCUMENT_MAX = 300_000;

export type TextFileCheck = { ok: true; text: string } | { ok: false; reason: "empty" | "notText" | "tooLong" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The bytes of an uploaded text file as the document's text, exactly as written: UTF-8 only (a
 * leading byte-order mark is an encoding marker, not text, and is dropped); a file with a NUL byte
 * or invalid UTF-8 is not a text file (a Word document or a PDF renamed .md).
 */
export function textOfFile(bytes: Buffer): TextFileCheck {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: "notText" };
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  if (text.includes("\u0000")) return { ok: false, reason: "notText" };
  if (text.trim() === "") return { ok: false, reason: "empty" };
  if (text.length > DOCUMENT_MAX) return { ok: false, reason: "tooLong" };
  return { ok: true, text };
}

/** The file name a document's text is sent under. */
export const textFileName = (id: number, version?: number) => (version === undefined ? `kb-${id}.md` : `kb-${id}-v${version}.md`);
