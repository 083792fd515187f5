// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    project: {
      formTitles: {
        publish: "publish",
        milestone: "milestone",
        correct: "correct",
        withdraw: "withdraw",
      },
      choices: {
        who: {
          me: "me",
          here: "this channel",
        },
      },
    },
  },
  es: {
    project: {
      formTitles: {
        publish: "publicar",
        milestone: "hito",
        correct: "corregir",
        withdraw: "retirar",
      },
      choices: {
        who: {
          me: "yo",
          here: "este canal",
        },
      },
    },
  },
  vi: {
    project: {
      formTitles: {
        publish: "đăng câu trả lời",
        milestone: "mốc",
        correct: "sửa tin",
        withdraw: "rút tin",
      },
      choices: {
        who: {
          me: "tôi",
          here: "kênh này",
        },
      },
    },
  },
  "zh-Hans": {
    project: {
      formTitles: {
        publish: "发布回答",
        milestone: "里程碑",
        correct: "更正",
        withdraw: "撤回",
      },
      choices: {
        who: {
          me: "我",
          here: "本频道",
        },
      },
    },
  },
  ru: {
    project: {
      formTitles: {
        publish: "опубликовать",
        milestone: "этап",
        correct: "исправить",
        withdraw: "отозвать",
      },
      choices: {
        who: {
          me: "я",
          here: "этот канал",
        },
      },
    },
  },
};
