// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    report: {
      formTitles: {
        unschedule: "unschedule",
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
        unschedule: "detener",
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
        unschedule: "dừng lịch",
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
        unschedule: "停止安排",
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
        unschedule: "остановить",
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
