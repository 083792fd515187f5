// A document's search text and content hash, derived from what it says.
import crypto from "node:crypto";
import type { KbIndexText } from "../../db/kb.ts";
import { indexExtras, plainText } from "./text.ts";

export function indexTextOf(doc: { title: string; body: string; tags: string }): KbIndexText {
  const body = plainText(doc.body);
  return { title: doc.title, body, titleExtra: [indexExtras(doc.title), doc.tags].filter(Boolean).join(" \n"), bodyExtra: indexExtras(body) };
}

/** Same title, body, metadata and file → same hash: a re-import of unchanged content changes nothing. */
export function contentHashOf(doc: { title: string; body: string; kind: string; audience: string; tags: string; language: string; reviewBy: string; sourceLink: string | null; subLocalId: number | null; fileHash: string | null; translationOf?: number | null }): string {
  const h = crypto.createHash("sha256");
  for (const v of [doc.title, doc.body, doc.kind, doc.audience, doc.tags, doc.language, doc.reviewBy, doc.sourceLink ?? "", String(doc.subLocalId ?? ""), doc.fileHash ?? ""]) h.update(v).update("\u0000");
  // Only a translation hashes its link, so every original keeps the hash it was imported with.
  if (doc.translationOf) h.update(`translationOf:${doc.translationOf}`).update("\u0000");
  return h.digest("hex");
}

/** "Rally, Flyer  , rally" → "rally flyer". */
export function normaliseTags(raw: string | undefined): string {
  return [...new Set((raw ?? "").toLowerCase().split(/[\s,;，、；]+/).map((t) => t.replace(/^#/, "").trim()).filter(Boolean))].slice(0, 20).join(" ");
}
