// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    kb: {
      formTitles: {
        search: "search",
        show: "open a document",
        history: "versions",
        edit: "edit",
        attach: "attach a file",
        restore: "restore a version",
      },
      choices: {
        how: {
          file: "through a file",
        },
      },
    },
  },
  es: {
    kb: {
      formTitles: {
        search: "buscar",
        show: "abrir documento",
        history: "versiones",
        edit: "editar",
        attach: "adjuntar archivo",
        restore: "restaurar versión",
      },
      choices: {
        how: {
          file: "con un archivo",
        },
      },
    },
  },
  vi: {
    kb: {
      formTitles: {
        search: "tìm kiếm",
        show: "mở tài liệu",
        history: "các phiên bản",
        edit: "sửa",
        attach: "đính kèm tệp",
        restore: "khôi phục phiên bản",
      },
      choices: {
        how: {
          file: "qua tệp",
        },
      },
    },
  },
  "zh-Hans": {
    kb: {
      formTitles: {
        search: "搜索",
        show: "打开文件",
        history: "版本",
        edit: "编辑",
        attach: "附加文件",
        restore: "恢复版本",
      },
      choices: {
        how: {
          file: "通过文件",
        },
      },
    },
  },
  ru: {
    kb: {
      formTitles: {
        search: "поиск",
        show: "открыть документ",
        history: "версии",
        edit: "изменить",
        attach: "прикрепить файл",
        restore: "вернуть версию",
      },
      choices: {
        how: {
          file: "через файл",
        },
      },
    },
  },
};
