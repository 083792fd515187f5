// An update as each reader gets it. A person's update: the version in the reader's language if
// staff added one, else the original with a note. The bot's own update (a timeline change): made
// from its keys and values in the reader's language, never the words of whoever changed the date.
import { z } from "zod";
import type { UpdateRow } from "../../db/project.ts";
import { translationBehind, translationsOf, type UpdateTranslationRow } from "../../db/project-translations.ts";
import type { Db } from "../../db/data.ts";
import { contentLanguage, missingNote, pickVersion } from "../core/content-language.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { STATUSES } from "./rules.ts";

/** What a timeline-change update says, as stored: the milestone, its status then, and its dates. */
export const milestoneChange = z.object({
  kind: z.literal("milestone"),
  key: z.string().max(40),
  status: z.enum(STATUSES),
  targetDate: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export type MilestoneChange = z.infer<typeof milestoneChange>;

/** "target 1 Dec 2026" / "done on …" / "no date yet", in the reader's words and formats. */
export function milestoneWhen(t: Translate, fmt: Formatter, m: Pick<MilestoneChange, "status" | "targetDate" | "doneOn">): string {
  if (m.status === "done" && m.doneOn) return t("project.timeline.doneOn", { date: fmt.date(m.doneOn) });
  return m.targetDate ? t("project.timeline.target", { date: fmt.date(m.targetDate) }) : t("project.timeline.noDate");
}

/** A timeline change's title and summary in the reader's language. */
export function milestoneChangeText(t: Translate, fmt: Formatter, c: MilestoneChange): { title: string; summary: string } {
  const name = t(`project.milestones.${c.key}.title`);
  return { title: t("project.milestone.updateTitle", { name }), summary: t("project.milestone.updateSummary", { name, status: t(`project.status.${c.status}`), when: milestoneWhen(t, fmt, c) }) };
}

export type UpdateText = Pick<UpdateRow, "title" | "summary" | "details">;

/** An update's text for one reader: `note` when it is not in their language or may be behind its original; `shownLanguage` is the text's own. */
export type ReaderText = UpdateText & { note: string | null; shownLanguage: string };


/** The text of one update for this reader, and the note when it is not in their language (or is behind the original). */
export function updateTextFor(
  t: Translate,
  fmt: Formatter,
  locale: string,
  u: UpdateText & Pick<UpdateRow, "language" | "generated"> & Partial<Pick<UpdateRow, "correctedAt">>,
  translations: readonly UpdateTranslationRow[],
): ReaderText {
  if (u.generated) {
    const c = milestoneChange.safeParse(JSON.parse(u.generated));
    if (c.success) return { ...milestoneChangeText(t, fmt, c.data), details: null, note: null, shownLanguage: locale };
  }
  const versions = [{ ...u, isOriginal: true as const }, ...translations.map((x) => ({ ...x, isOriginal: false as const }))];
  const picked = pickVersion<(typeof versions)[number]>(versions, locale)!;
  const { title, summary, details } = picked.shown;
  const shownLanguage = picked.shown.language;
  // Only a real difference is noted: an original in the reader's language needs no note.
  if (picked.missing) return { title, summary, details, shownLanguage, note: contentLanguage(u.language) !== contentLanguage(locale) ? missingNote(t, locale, u.language) : null };
  const behind = !picked.shown.isOriginal && u.correctedAt && translationBehind({ correctedAt: u.correctedAt }, picked.shown as UpdateTranslationRow);
  return { title, summary, details, shownLanguage, note: behind ? t("project.translate.behind", { date: fmt.date(new Date(u.correctedAt!)) }) : null };
}

/** These updates, each with its text in the reader's language (one read for all their translations). */
export async function updatesForReader<U extends UpdateRow>(db: Db, t: Translate, fmt: Formatter, locale: string, rows: readonly U[]): Promise<(U & ReaderText)[]> {
  const all = await translationsOf(db, rows.map((u) => u.id));
  return rows.map((u) => ({ ...u, ...updateTextFor(t, fmt, locale, u, all.filter((x) => x.updateId === u.id)) }));
}
