// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    training: {
      formTitles: {
        start: "start a module",
      },
    },
  },
  es: {
    training: {
      formTitles: {
        start: "empezar módulo",
      },
    },
  },
  vi: {
    training: {
      formTitles: {
        start: "bắt đầu học phần",
      },
    },
  },
  "zh-Hans": {
    training: {
      formTitles: {
        start: "开始模块",
      },
    },
  },
  ru: {
    training: {
      formTitles: {
        start: "начать модуль",
      },
    },
  },
};
