// A translation behind its original. When an original is edited, each translation may no longer say
// what it says: readers of the translation see a note (languages.ts), and the translation's owner
// is told once, in their own language, until the translation is saved again.
import { documentById, lastSaved, translationsOfDocument, type KbDocumentRow } from "../../db/kb.ts";
import { scheduleJobNow } from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { defineJobKind } from "../core/jobs.ts";
import { LOCALES } from "../core/i18n.ts";
import { reply } from "../core/reply.ts";
import { originalChangedSince } from "./languages.ts";

export const TRANSLATION_BEHIND_JOB = "kb.translation.behind";

type Translation = ReturnType<typeof translationsOfDocument>[number];

/** Of the original's translations, those not behind it yet (an owner already told is not told again before saving). */
export function translationsNotYetBehind(store: Store, originalId: number, all: readonly Translation[]): Translation[] {
  if (all.length === 0) return [];
  const saved = lastSaved(store, [originalId, ...all.map((d) => d.id)]);
  const original = new Date(saved.get(originalId) ?? 0).getTime();
  return all.filter((d) => new Date(saved.get(d.id) ?? 0).getTime() >= original);
}

/** One message per translation owner (never the editor), keyed by the original's version so nobody is told twice. */
export function tellTranslationOwners(store: Store, original: KbDocumentRow, translations: readonly Translation[], editorId: number, now: Date, timeZone: string): void {
  for (const d of translations) {
    if (d.ownerId === null || d.ownerId === editorId) continue;
    scheduleJobNow(store, {
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
  render(ctx, p) {
    const doc = documentById(ctx.store, p.documentId);
    const changed = doc ? originalChangedSince(ctx.store, doc) : null;
    const original = doc?.translationOf ? documentById(ctx.store, doc.translationOf) : undefined;
    if (!doc || !changed || !original) return null;
    const language = (LOCALES as readonly string[]).includes(doc.language) ? ctx.t(`kb.choices.language.${doc.language}`) : doc.language;
    return reply.private(
      reply.text(`🌐 ${ctx.t("kb.languages.behindNotice", { original: original.id, title: original.title, date: ctx.fmt.date(new Date(changed)), language, id: doc.id })}`),
      reply.context(ctx.t("kb.languages.behindHow", { command: `/kb edit ${doc.id}` })),
    );
  },
});
