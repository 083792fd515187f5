// A translation behind its original. When an original is edited, each translation may no longer say
// what it says: readers of the translation see a note (languages.ts), and the translation's owner
// is told once, in their own language, until the translation is saved again.
import { documentById, lastSaved, translationsOfDocument, type KbDocumentRow } from "../../db/kb.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import { data, type Db, type Tx } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { defineJobKind } from "../core/jobs.ts";
import { LOCALES } from "../core/i18n.ts";
import { reply } from "../core/reply.ts";
import { originalChangedSince } from "./languages.ts";

export const TRANSLATION_BEHIND_JOB = "kb.translation.behind";

type Translation = Awaited<ReturnType<typeof translationsOfDocument>>[number];

/** Of the original's translations, those not behind it yet (an owner already told is not told again before saving). */
export async function translationsNotYetBehind(db: Db, originalId: number, all: readonly Translation[]): Promise<Translation[]> {
  if (all.length === 0) return [];
  const saved = await lastSaved(db, [originalId, ...all.map((d) => d.id)]);
  const original = new Date(saved.get(originalId) ?? 0).getTime();
  return all.filter((d) => new Date(saved.get(d.id) ?? 0).getTime() >= original);
}

/** One message per translation owner (never the editor), keyed by the original's version so nobody is told twice; in the edit's transaction. */
export async function tellTranslationOwners(tx: Tx, store: Store, original: KbDocumentRow, translations: readonly Translation[], editorId: number, now: Date, timeZone: string): Promise<void> {
  for (const d of translations) {
    if (d.ownerId === null || d.ownerId === editorId) continue;
    await scheduleJobNowIn(tx, store, {
      kind: TRANSLATION_BEHIND_JOB,
      target: { personId: d.ownerId },
      payload: { documentId: d.id },
      dueAt: now,
      timeZone,
      idempotencyKey: `${TRANSLATION_BEHIND_JOB}:${original.id}:v${original.version}:${d.id}`,
      createdById: editorId,
    });
  }
}

/** What the owner reads: which original changed and when, and how to bring their version up to date. Nothing once it is saved again. */
export const translationBehindJob = defineJobKind<{ documentId: number }>({
  kind: TRANSLATION_BEHIND_JOB,
  async render(ctx, p) {
    const db = data(ctx.store);
    const doc = await documentById(db, p.documentId);
    const changed = doc ? await originalChangedSince(db, doc) : null;
    const original = doc?.translationOf ? await documentById(db, doc.translationOf) : undefined;
    if (!doc || !changed || !original) return null;
    const language = (LOCALES as readonly string[]).includes(doc.language) ? ctx.t(`kb.choices.language.${doc.language}`) : doc.language;
    return reply.private(
      reply.text(`🌐 ${ctx.t("kb.languages.behindNotice", { original: original.id, title: original.title, date: ctx.fmt.date(new Date(changed)), language, id: doc.id })}`),
      reply.context(ctx.t("kb.languages.behindHow", { command: `/kb edit ${doc.id}` })),
    );
  },
});
