// A document as its reader gets it: the version in their language, else the original with a note.
// Search finds an item through any of its languages and lists it once, in the reader's language.
import type { KbDocumentRow, KbHit } from "../../db/kb.ts";
import { lastSaved, versionsOfItems } from "../../db/kb.ts";
import { languageVersions } from "../../db/kb-access.ts";
import type { LinkedCtx } from "../core/command.ts";
import type { Db } from "../../db/data.ts";
import { LANGUAGE_NAMES, type Locale } from "../core/i18n.ts";
import { missingNote, pickVersion } from "../core/content-language.ts";
import { viewerOf } from "./common.ts";

const asVersions = (docs: readonly KbDocumentRow[]) => docs.map((d) => ({ ...d, isOriginal: d.translationOf === null }));

export interface ReaderDocument {
  doc: KbDocumentRow;
  /** The reader's language has no version (the original is shown), or the translation shown may be behind its original: say so. */
  note: string | null;
  /** The other languages the reader may open: "Español #13". */
  others: KbDocumentRow[];
}

/**
 * The document `id` stands for, in the reader's language. The original's number (the one guides
 * and search share) gives the reader's version when there is one, else the original with a note;
 * a translation's own number (from the "also in" line) gives exactly that translation. Undefined
 * when the reader may not see it (one answer with "no such document").
 */
export async function forReader(ctx: LinkedCtx, id: number): Promise<ReaderDocument | undefined> {
  const versions = await languageVersions(ctx.db, id, await viewerOf(ctx));
  const asked = versions.find((d) => d.id === id);
  if (!asked) return undefined;
  const picked = asked.translationOf === null ? pickVersion(asVersions(versions), ctx.locale) : undefined;
  const doc = picked?.shown ?? asked;
  const note = picked?.missing ? missingNote(ctx.t, ctx.locale, doc.language) : await behindNote(ctx, doc);
  return { doc, note, others: versions.filter((d) => d.id !== doc.id) };
}

/** When the original was saved after this translation was: the original's date, else null. */
export async function originalChangedSince(db: Db, doc: Pick<KbDocumentRow, "id" | "translationOf">): Promise<string | null> {
  if (doc.translationOf === null) return null;
  const saved = await lastSaved(db, [doc.id, doc.translationOf]);
  const mine = saved.get(doc.id);
  const original = saved.get(doc.translationOf);
  return mine && original && new Date(original).getTime() > new Date(mine).getTime() ? original : null;
}

/** "The original was changed on …; this translation may be out of date", until the translation is saved again. */
async function behindNote(ctx: LinkedCtx, doc: KbDocumentRow): Promise<string | null> {
  const changed = await originalChangedSince(ctx.db, doc);
  return changed ? ctx.t("kb.languages.behind", { date: ctx.fmt.date(new Date(changed)) }) : null;
}

/** "Also in: Español (#13) · Русский (#15)". */
export function otherLanguagesLine(ctx: LinkedCtx, others: readonly KbDocumentRow[]): string | null {
  if (others.length === 0) return null;
  return ctx.t("kb.languages.alsoIn", { list: others.map((d) => `${LANGUAGE_NAMES[d.language as Locale] ?? d.language} (#${d.id})`).join(" · ") });
}

/** Each hit as the reader's-language version of its item, with whether it had to fall back to the original. */
export async function hitsForReader(ctx: LinkedCtx, hits: readonly KbHit[]): Promise<{ hit: KbHit; fallback: boolean }[]> {
  const versions = await versionsOfItems(ctx.db, hits.map((h) => h.family), await viewerOf(ctx));
  return hits.map((h) => {
    const picked = pickVersion(asVersions(versions.filter((d) => (d.translationOf ?? d.id) === h.family)), ctx.locale);
    if (!picked || picked.shown.id === h.id) return { hit: h, fallback: Boolean(picked?.missing) };
    const d = picked.shown;
    return { hit: { family: h.family, id: d.id, title: d.title, kind: d.kind, body: d.body, needsUpdate: d.needsUpdate, fileName: d.fileName, sourceLink: d.sourceLink, language: d.language }, fallback: picked.missing };
  });
}

/** Documents listed once per item, in the order of each item's first appearance, in the reader's language. */
export async function itemsForReader(ctx: LinkedCtx, docs: readonly KbDocumentRow[]): Promise<KbDocumentRow[]> {
  const order: number[] = [];
  for (const d of docs) if (!order.includes(d.translationOf ?? d.id)) order.push(d.translationOf ?? d.id);
  const versions = await versionsOfItems(ctx.db, order, await viewerOf(ctx));
  return order.flatMap((f) => {
    const picked = pickVersion(asVersions(versions.filter((d) => (d.translationOf ?? d.id) === f)), ctx.locale);
    return picked ? [picked.shown] : [];
  });
}

/** The knowledge base's answer to another area reading a document (a lesson): the reader's version, through the same rule. */
export async function readForArea(ctx: LinkedCtx, id: number): Promise<{ title: string; body: string } | null> {
  const found = await forReader(ctx, id);
  return found ? { title: found.doc.title, body: found.doc.body } : null;
}
