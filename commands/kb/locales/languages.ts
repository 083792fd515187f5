// A document in several languages, in every language the bot speaks: `/kb translate`, the
// language names used in its choices, and the "also in" line under a document.
import type { Strings } from "../../core/i18n.ts";

export const languageStrings: Record<string, Strings> = {
  en: {
    kb: {
      formTitles: { translate: "translate" },
      choices: { language: { en: "English", es: "Spanish", vi: "Vietnamese", "zh-Hans": "Chinese (simplified)", ru: "Russian" } },
      args: { language: "The language of the new version" },
      languages: { alsoIn: "Also in: {{list}}" },
      translate: {
        description: "Add a version of a document in another language, linked to it",
        example: "/kb translate 12 es",
        formTitle: "Translate a document",
        intro: "A {{language}} version of #{{id}} “{{title}}”. It reaches the same people as the original.",
        bodyHint: "Write it plainly for members who read this language, in the union's own words; it need not follow the original word for word.",
        isTranslation: "Document #{{id}} is itself a translation. Add the new version to its original, #{{original}}.",
        sameLanguage: "Document #{{id}} is already written in {{language}}. Choose another language.",
        taken: "Document #{{id}} already has a version in {{language}}. Change that one with /kb edit.",
        done: "Saved as document #{{id}} “{{title}}”, the {{language}} version of #{{original}}. Readers of {{language}} now get it.",
      },
    },
  },
  es: {
    kb: {
      formTitles: { translate: "traducir" },
      choices: { language: { en: "inglés", es: "español", vi: "vietnamita", "zh-Hans": "chino simplificado", ru: "ruso" } },
      args: { language: "El idioma de la nueva versión" },
      languages: { alsoIn: "También en: {{list}}" },
      translate: {
        description: "Agregar una versión de un documento en otro idioma, unida al original",
        example: "/kb translate 12 es",
        formTitle: "Traducir un documento",
        intro: "Versión en {{language}} del n.º {{id}} «{{title}}». Llega a las mismas personas que el original.",
        bodyHint: "Escríbalo con palabras sencillas para los miembros que leen este idioma, con los términos del sindicato; no hace falta traducir palabra por palabra.",
        isTranslation: "El documento n.º {{id}} ya es una traducción. Agregue la nueva versión a su original, el n.º {{original}}.",
        sameLanguage: "El documento n.º {{id}} ya está escrito en {{language}}. Elija otro idioma.",
        taken: "El documento n.º {{id}} ya tiene una versión en {{language}}. Cámbiela con /kb edit.",
        done: "Guardado como documento n.º {{id}} «{{title}}», la versión en {{language}} del n.º {{original}}. Quienes leen en {{language}} ya la reciben.",
      },
    },
  },
  vi: {
    kb: {
      formTitles: { translate: "dịch" },
      choices: { language: { en: "tiếng Anh", es: "tiếng Tây Ban Nha", vi: "tiếng Việt", "zh-Hans": "tiếng Trung giản thể", ru: "tiếng Nga" } },
      args: { language: "Ngôn ngữ của bản mới" },
      languages: { alsoIn: "Cũng có bằng: {{list}}" },
      translate: {
        description: "Thêm bản của một tài liệu bằng ngôn ngữ khác, gắn với bản gốc",
        example: "/kb translate 12 vi",
        formTitle: "Dịch một tài liệu",
        intro: "Bản {{language}} của tài liệu số {{id}} “{{title}}”. Bản này đến đúng những người đọc được bản gốc.",
        bodyHint: "Viết đơn giản cho đoàn viên đọc ngôn ngữ này, dùng từ ngữ của công đoàn; không cần dịch từng chữ.",
        isTranslation: "Tài liệu số {{id}} đã là một bản dịch. Hãy thêm bản mới vào bản gốc, số {{original}}.",
        sameLanguage: "Tài liệu số {{id}} đã được viết bằng {{language}}. Hãy chọn ngôn ngữ khác.",
        taken: "Tài liệu số {{id}} đã có bản {{language}}. Hãy sửa bản đó bằng /kb edit.",
        done: "Đã lưu thành tài liệu số {{id}} “{{title}}”, bản {{language}} của số {{original}}. Người đọc {{language}} sẽ nhận bản này.",
      },
    },
  },
  "zh-Hans": {
    kb: {
      formTitles: { translate: "翻译" },
      choices: { language: { en: "英文", es: "西班牙文", vi: "越南文", "zh-Hans": "简体中文", ru: "俄文" } },
      args: { language: "新版本的语言" },
      languages: { alsoIn: "其他语言：{{list}}" },
      translate: {
        description: "为文件添加另一种语言的版本，并与原文关联",
        example: "/kb translate 12 zh-Hans",
        formTitle: "翻译文件",
        intro: "第 {{id}} 号文件“{{title}}”的{{language}}版本。它的读者与原文相同。",
        bodyHint: "用简单的话为读这种语言的会员写，使用工会的用语；不必逐字翻译。",
        isTranslation: "第 {{id}} 号文件本身就是译文。请把新版本加到原文（第 {{original}} 号）上。",
        sameLanguage: "第 {{id}} 号文件已经是{{language}}。请选择其他语言。",
        taken: "第 {{id}} 号文件已有{{language}}版本。请用 /kb edit 修改那个版本。",
        done: "已保存为第 {{id}} 号文件“{{title}}”，即第 {{original}} 号的{{language}}版本。读{{language}}的人现在会看到它。",
      },
    },
  },
  ru: {
    kb: {
      formTitles: { translate: "перевести" },
      choices: { language: { en: "английский", es: "испанский", vi: "вьетнамский", "zh-Hans": "китайский (упрощённый)", ru: "русский" } },
      args: { language: "Язык новой версии" },
      languages: { alsoIn: "Есть также: {{list}}" },
      translate: {
        description: "Добавить версию документа на другом языке, связанную с оригиналом",
        example: "/kb translate 12 ru",
        formTitle: "Перевести документ",
        intro: "Версия документа № {{id}} «{{title}}» (язык: {{language}}). Её увидят те же люди, что и оригинал.",
        bodyHint: "Пишите просто, для членов профсоюза, читающих на этом языке, словами профсоюза; дословный перевод не нужен.",
        isTranslation: "Документ № {{id}} сам является переводом. Добавьте новую версию к оригиналу, № {{original}}.",
        sameLanguage: "Документ № {{id}} уже написан на этом языке ({{language}}). Выберите другой язык.",
        taken: "У документа № {{id}} уже есть версия на этом языке ({{language}}). Измените её через /kb edit.",
        done: "Сохранено как документ № {{id}} «{{title}}» — версия № {{original}} (язык: {{language}}). Читающие на этом языке теперь получают её.",
      },
    },
  },
};
