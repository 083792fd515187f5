// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    event: {
      formTitles: {
        show: "details",
        message: "send an update",
        cancel: "cancel",
        checkin: "check-in list",
        here: "check in",
        ics: "calendar file",
        channel: "announcements",
      },
      choices: {
        which: { all: "all later dates too" },
        what: {
          new: "new link",
          revoke: "turn off",
        },
      },
    },
  },
  es: {
    event: {
      formTitles: {
        show: "detalles",
        message: "enviar aviso",
        cancel: "cancelar",
        checkin: "lista de llegada",
        here: "registrar llegada",
        ics: "archivo de calendario",
        channel: "canal de anuncios",
      },
      choices: {
        which: { all: "también las fechas siguientes" },
        what: {
          new: "enlace nuevo",
          revoke: "desactivar",
        },
      },
    },
  },
  vi: {
    event: {
      formTitles: {
        show: "chi tiết",
        message: "gửi cập nhật",
        cancel: "hủy",
        checkin: "danh sách điểm danh",
        here: "điểm danh",
        ics: "tệp lịch",
        channel: "kênh thông báo",
      },
      choices: {
        which: { all: "cả các ngày sau" },
        what: {
          new: "liên kết mới",
          revoke: "thu hồi",
        },
      },
    },
  },
  "zh-Hans": {
    event: {
      formTitles: {
        show: "详情",
        message: "发送通知",
        cancel: "取消活动",
        checkin: "签到名单",
        here: "签到",
        ics: "日历文件",
        channel: "公告频道",
      },
      choices: {
        which: { all: "之后所有日期" },
        what: {
          new: "新链接",
          revoke: "停用",
        },
      },
    },
  },
  ru: {
    event: {
      formTitles: {
        show: "подробности",
        message: "сообщение",
        cancel: "отменить",
        checkin: "регистрация",
        here: "отметиться",
        ics: "файл календаря",
        channel: "канал объявлений",
      },
      choices: {
        which: { all: "и все следующие даты" },
        what: {
          new: "новая ссылка",
          revoke: "отключить",
        },
      },
    },
  },
};
