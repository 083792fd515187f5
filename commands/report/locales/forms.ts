// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    report: {
      formTitles: {
        run: "run",
        schedule: "schedule",
      },
      choices: {
        frequency: {
          weekly: "weekly",
          monthly: "monthly",
          off: "off",
        },
      },
    },
  },
  es: {
    report: {
      formTitles: {
        run: "ejecutar",
        schedule: "programar",
      },
      choices: {
        frequency: {
          weekly: "semanal",
          monthly: "mensual",
          off: "desactivado",
        },
      },
    },
  },
  vi: {
    report: {
      formTitles: {
        run: "chạy",
        schedule: "lên lịch",
      },
      choices: {
        frequency: {
          weekly: "hằng tuần",
          monthly: "hằng tháng",
          off: "tắt",
        },
      },
    },
  },
  "zh-Hans": {
    report: {
      formTitles: {
        run: "生成",
        schedule: "定期发送",
      },
      choices: {
        frequency: {
          weekly: "每周",
          monthly: "每月",
          off: "关闭",
        },
      },
    },
  },
  ru: {
    report: {
      formTitles: {
        run: "сформировать",
        schedule: "расписание",
      },
      choices: {
        frequency: {
          weekly: "еженедельно",
          monthly: "ежемесячно",
          off: "выключено",
        },
      },
    },
  },
};
