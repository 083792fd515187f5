// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    project: {
      formTitles: {
        milestone: "milestone",
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
        milestone: "hito",
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
        milestone: "mốc",
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
        milestone: "里程碑",
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
        milestone: "этап",
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
