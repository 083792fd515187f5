// The note a reader sees when the union's content is not yet in their language (content-language.ts).
// Languages are named in themselves ("Español", "Русский"), as in the language list, and set off
// by a colon where the sentence would otherwise need the name inflected.
import type { Strings } from "./i18n.ts";

export const contentLanguageStrings: Record<string, Strings> = {
  en: { core: { content: { notYet: "Not yet in {{language}}; showing the original in {{shown}}." } } },
  es: { core: { content: { notYet: "Todavía no está en {{language}}; se muestra el original en {{shown}}." } } },
  vi: { core: { content: { notYet: "Chưa có bản {{language}}; đang hiển thị bản gốc bằng {{shown}}." } } },
  "zh-Hans": { core: { content: { notYet: "尚无{{language}}版本，现显示{{shown}}原文。" } } },
  ru: { core: { content: { notYet: "Перевода пока нет (язык: {{language}}); показан оригинал (язык: {{shown}})." } } },
};
