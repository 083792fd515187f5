// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    unionhall: {
      formTitles: {
        link: "link account",
        admin_link: "link a person",
        "admin_link-code": "link code",
        admin_role_grant: "give a role",
        admin_role_revoke: "end a role",
        admin_role_list: "roles",
        remind: "reminder",
        language: "language",
        "channel-language": "channel language",
      },
    },
  },
  es: {
    unionhall: {
      formTitles: {
        link: "vincular cuenta",
        admin_link: "vincular persona",
        "admin_link-code": "código de vínculo",
        admin_role_grant: "dar una función",
        admin_role_revoke: "quitar una función",
        admin_role_list: "funciones",
        remind: "recordatorio",
        language: "idioma",
        "channel-language": "idioma del canal",
      },
    },
  },
  vi: {
    unionhall: {
      formTitles: {
        link: "liên kết tài khoản",
        admin_link: "liên kết người dùng",
        "admin_link-code": "mã liên kết",
        admin_role_grant: "cấp vai trò",
        admin_role_revoke: "kết thúc vai trò",
        admin_role_list: "vai trò",
        remind: "nhắc nhở",
        language: "ngôn ngữ",
        "channel-language": "ngôn ngữ kênh",
      },
    },
  },
  "zh-Hans": {
    unionhall: {
      formTitles: {
        link: "关联账户",
        admin_link: "关联用户",
        "admin_link-code": "关联码",
        admin_role_grant: "授予职务",
        admin_role_revoke: "结束职务",
        admin_role_list: "职务",
        remind: "提醒",
        language: "语言",
        "channel-language": "频道语言",
      },
    },
  },
  ru: {
    unionhall: {
      formTitles: {
        link: "привязка аккаунта",
        admin_link: "привязать человека",
        "admin_link-code": "код привязки",
        admin_role_grant: "выдать роль",
        admin_role_revoke: "снять роль",
        admin_role_list: "роли",
        remind: "напоминание",
        language: "язык",
        "channel-language": "язык канала",
      },
    },
  },
};
