// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    rebate: {
      formTitles: {
        statement: "statement",
        withdraw: "withdraw a request",
        channel: "approval channel",
        auto: "monthly statements",
      },
      choices: {
        state: {
          on: "on",
          off: "off",
        },
      },
    },
  },
  es: {
    rebate: {
      formTitles: {
        statement: "estado de cuenta",
        withdraw: "retirar pedido",
        channel: "canal de aprobación",
        auto: "estados mensuales",
      },
      choices: {
        state: {
          on: "activar",
          off: "desactivar",
        },
      },
    },
  },
  vi: {
    rebate: {
      formTitles: {
        statement: "bảng kê",
        withdraw: "rút yêu cầu",
        channel: "kênh phê duyệt",
        auto: "bảng kê hằng tháng",
      },
      choices: {
        state: {
          on: "bật",
          off: "tắt",
        },
      },
    },
  },
  "zh-Hans": {
    rebate: {
      formTitles: {
        statement: "对账单",
        withdraw: "撤回申请",
        channel: "审批频道",
        auto: "每月对账单",
      },
      choices: {
        state: {
          on: "开启",
          off: "关闭",
        },
      },
    },
  },
  ru: {
    rebate: {
      formTitles: {
        statement: "выписка",
        withdraw: "отозвать запрос",
        channel: "канал одобрения",
        auto: "выписки каждый месяц",
      },
      choices: {
        state: {
          on: "включить",
          off: "выключить",
        },
      },
    },
  },
};
