// How a language puts a note beside a word ("steward (treasurer)") and a label before a value
// ("Email: …"): Chinese with full-width brackets and colon, so code that joins pieces never leaves a
// half-width mark beside Chinese.
import type { Strings } from "./i18n.ts";

const latin = { core: { punct: { aside: "{{text}} ({{aside}})", labelled: "{{label}}: {{value}}" } } };

export const punctuationStrings: Record<string, Strings> = {
  en: latin,
  es: latin,
  vi: latin,
  "zh-Hans": { core: { punct: { aside: "{{text}}（{{aside}}）", labelled: "{{label}}：{{value}}" } } },
  ru: latin,
};
