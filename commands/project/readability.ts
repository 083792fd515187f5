// How easy an update is to read, by a formula made for its language: Flesch-Kincaid's grade for
// English, Fernández-Huerta's reading ease for Spanish, Oborneva's adaptation of Flesch's reading
// ease for Russian. Vietnamese and Chinese have no formula in common use that counts syllables or
// characters this way, so no score is given for them rather than a meaningless one.
import { contentLanguage } from "../core/content-language.ts";
import { lazy } from "../core/lazy.ts";

/** text-readability is a CommonJS build of an ES module: its API is on `default`. */
const textReadability = lazy<{ default: typeof import("text-readability").default }>("text-readability");

/** Plain language: a US reading grade of 8 or lower (English). */
export const PLAIN_GRADE = 8;
/** Plain language on a 0–100 reading-ease scale: 60 or more ("normal" to "easy" on both scales). */
export const PLAIN_EASE = 60;

export type Readability =
  | { kind: "grade"; formula: "flesch-kincaid"; score: number; plain: boolean; target: number }
  | { kind: "ease"; formula: "fernandez-huerta" | "oborneva"; score: number; plain: boolean; target: number }
  | { kind: "none" };

const round1 = (n: number) => Math.round(n * 10) / 10;

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const words = (text: string) => text.match(WORD) ?? [];
/** Sentences: runs of text ended by . ! ? … or a line break; at least one for any text with words. */
const HAS_WORD = /[\p{L}\p{N}]/u;
const sentenceCount = (text: string) => Math.max(1, text.split(/[.!?…]+|\n+/).filter((s) => HAS_WORD.test(s)).length);

const SPANISH_STRONG = "aeoáéóíú";
const SPANISH_VOWEL = /[aeiouáéíóúü]/;

/**
 * Spanish syllables of one word: its vowel nuclei. Two vowels share a syllable (a diphthong) unless
 * both are strong (a, e, o) or one is a stressed í or ú ("dí-a", "ba-úl"), which stand alone.
 */
export function spanishSyllables(word: string): number {
  // The u of "que", "qui", "gue", "gui" is not pronounced ("guía" is guí-a); "güe" keeps it.
  const w = word.toLowerCase().replace(/y$/, "i").replace(/([gq])u([eéií])/g, "$1$2");
  let count = 0;
  let prev = "";
  for (const c of w) {
    if (!SPANISH_VOWEL.test(c)) {
      prev = "";
      continue;
    }
    const hiatus = prev !== "" && ((SPANISH_STRONG.includes(c) && SPANISH_STRONG.includes(prev)) || "íú".includes(c) || "íú".includes(prev));
    if (prev === "" || hiatus) count++;
    prev = c;
  }
  return Math.max(1, count);
}

/** Russian syllables of one word: one per vowel letter, exactly. */
export function russianSyllables(word: string): number {
  return Math.max(1, (word.toLowerCase().match(/[аеёиоуыэюя]/g) ?? []).length);
}

function ease(text: string, syllables: (w: string) => number): { wordsPerSentence: number; syllablesPerWord: number } | null {
  const ws = words(text);
  if (ws.length === 0) return null;
  return { wordsPerSentence: ws.length / sentenceCount(text), syllablesPerWord: ws.reduce((n, w) => n + syllables(w), 0) / ws.length };
}

/** The summary's readability by its language's formula, or "none" where there is no such formula. */
export function readabilityOf(text: string, language: string): Readability {
  const lang = contentLanguage(language);
  if (lang === "en") {
    const g = textReadability().default.fleschKincaidGrade(text);
    const score = Number.isFinite(g) ? Math.max(0, round1(g)) : 0;
    return { kind: "grade", formula: "flesch-kincaid", score, plain: score <= PLAIN_GRADE, target: PLAIN_GRADE };
  }
  if (lang === "es" || lang === "ru") {
    const e = ease(text, lang === "es" ? spanishSyllables : russianSyllables);
    if (!e) return { kind: "none" };
    // Fernández-Huerta (1959): 206.84 − 0.60·(syllables per 100 words) − 1.02·(words per sentence).
    // Its printed form reads the last term as sentences per 100 words, which would make short
    // sentences harder; it is used here as Flesch's term it adapts, as the later Spanish studies do.
    // Oborneva (2006), Flesch's ease refitted for Russian: 206.835 − 1.3·(words/sentence) − 60.1·(syllables/word).
    const raw = lang === "es" ? 206.84 - 60 * e.syllablesPerWord - 1.02 * e.wordsPerSentence : 206.835 - 1.3 * e.wordsPerSentence - 60.1 * e.syllablesPerWord;
    const score = round1(Math.min(100, Math.max(0, raw)));
    return { kind: "ease", formula: lang === "es" ? "fernandez-huerta" : "oborneva", score, plain: score >= PLAIN_EASE, target: PLAIN_EASE };
  }
  return { kind: "none" };
}

/** The grade stored with an update (the column holds Flesch-Kincaid grades): null for any other language. */
export const storedGrade = (r: Readability): number | null => (r.kind === "grade" ? r.score : null);
