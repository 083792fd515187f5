// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    handoff: {
      formTitles: {
        packet: "packet",
        note: "leave a note",
        edit: "edit a note",
        redact: "remove text",
      },
    },
  },
  es: {
    handoff: {
      formTitles: {
        packet: "paquete",
        note: "dejar una nota",
        edit: "editar nota",
        redact: "borrar texto",
      },
    },
  },
  vi: {
    handoff: {
      formTitles: {
        packet: "hồ sơ bàn giao",
        note: "để lại ghi chú",
        edit: "sửa ghi chú",
        redact: "xóa nội dung",
      },
    },
  },
  "zh-Hans": {
    handoff: {
      formTitles: {
        packet: "交接包",
        note: "留言",
        edit: "修改留言",
        redact: "删除内容",
      },
    },
  },
  ru: {
    handoff: {
      formTitles: {
        packet: "пакет",
        note: "оставить заметку",
        edit: "изменить заметку",
        redact: "удалить текст",
      },
    },
  },
};
