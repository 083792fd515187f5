// The note a reader sees when the union's content is not yet in their language (content-language.ts),
// with each language named as the sentence needs it: Spanish and Vietnamese in lower case after
// "en"/"bằng", Chinese as 英文/西班牙文 with no Latin letters, Russian in the prepositional case
// ("на английском языке").
import type { Strings } from "./i18n.ts";

export const contentLanguageStrings: Record<string, Strings> = {
  en: {
    core: {
      content: {
        notYet: "Not yet in {{language}}; showing the original in {{shown}}.",
        languages: { en: "English", es: "Spanish", vi: "Vietnamese", "zh-Hans": "Chinese", ru: "Russian" },
      },
    },
  },
  es: {
    core: {
      content: {
        notYet: "Todavía no está en {{language}}; se muestra el original en {{shown}}.",
        languages: { en: "inglés", es: "español", vi: "vietnamita", "zh-Hans": "chino", ru: "ruso" },
      },
    },
  },
  vi: {
    core: {
      content: {
        notYet: "Chưa có bản {{language}}; đang hiển thị bản gốc bằng {{shown}}.",
        languages: { en: "tiếng Anh", es: "tiếng Tây Ban Nha", vi: "tiếng Việt", "zh-Hans": "tiếng Trung", ru: "tiếng Nga" },
      },
    },
  },
  "zh-Hans": {
    core: {
      content: {
        notYet: "尚无{{language}}版本，现显示{{shown}}原文。",
        languages: { en: "英文", es: "西班牙文", vi: "越南文", "zh-Hans": "中文", ru: "俄文" },
      },
    },
  },
  ru: {
    core: {
      content: {
        notYet: "На {{language}} языке пока нет; показан оригинал на {{shown}} языке.",
        languages: { en: "английском", es: "испанском", vi: "вьетнамском", "zh-Hans": "китайском", ru: "русском" },
      },
    },
  },
};
