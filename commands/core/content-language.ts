// Which version of the union's own content (a document, a training module, a project update) a
// reader gets: the one in their language, else the original, with a short note saying so. One
// rule for every area, so a reader meets the same behaviour everywhere.
import { matchLocale, type Translate } from "./i18n.ts";

/** The language a version is in, as one of ours ("zh-CN" → "zh-Hans", "es-US" → "es"); unknown tags stay as given. */
export const contentLanguage = (tag: string): string => matchLocale(tag) ?? tag;

/** A version of one item: its language, and whether it is the original the others translate. */
export interface LanguageVersion {
  language: string;
  isOriginal: boolean;
}

/**
 * The version in the reader's language, else the original, else the first given (the original
 * hidden from this reader never happens for documents, whose translations inherit its audience).
 * `missing` is true when the reader's language has no version.
 */
export function pickVersion<V extends LanguageVersion>(versions: readonly V[], reader: string): { shown: V; missing: boolean } | undefined {
  const want = contentLanguage(reader);
  const own = versions.find((v) => contentLanguage(v.language) === want);
  if (own) return { shown: own, missing: false };
  const shown = versions.find((v) => v.isOriginal) ?? versions[0];
  return shown ? { shown, missing: true } : undefined;
}

/** "Not yet in Spanish; showing the original in English.", each language named as the reader's sentence needs it. */
export function missingNote(t: Translate, reader: string, shownLanguage: string): string {
  const name = (tag: string) => t(`core.content.languages.${contentLanguage(tag)}`);
  return t("core.content.notYet", { language: name(reader), shown: name(shownLanguage) });
}
