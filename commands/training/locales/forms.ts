// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    training: {
      formTitles: {
        start: "start a module",
        verify: "verify",
      },
    },
  },
  es: {
    training: {
      formTitles: {
        start: "empezar módulo",
        verify: "verificar",
      },
    },
  },
  vi: {
    training: {
      formTitles: {
        start: "bắt đầu học phần",
        verify: "xác minh",
      },
    },
  },
  "zh-Hans": {
    training: {
      formTitles: {
        start: "开始模块",
        verify: "核验证书",
      },
    },
  },
  ru: {
    training: {
      formTitles: {
        start: "начать модуль",
        verify: "проверка",
      },
    },
  },
};
