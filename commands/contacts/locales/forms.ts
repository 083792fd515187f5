// What a command's form shows in every language: its title (after the area's name) and the
// labels of its choices. Titles stay short: Slack allows 24 characters for area and action together.
import type { Strings } from "../../core/i18n.ts";

export const formStrings: Record<string, Strings> = {
  en: {
    contacts: {
      formTitles: {
        committee: "committee",
        "agreement-publish": "publish agreement",
        find: "find a member",
        revoke: "end access",
        "seat-add": "add a seat",
        "seat-end": "end a seat",
        election_add: "add election",
        election_candidate: "add candidate",
        election_withdraw: "remove candidate",
      },
    },
  },
  es: {
    contacts: {
      formTitles: {
        committee: "comité",
        "agreement-publish": "publicar acuerdo",
        find: "buscar miembro",
        revoke: "terminar acceso",
        "seat-add": "añadir puesto",
        "seat-end": "terminar puesto",
        election_add: "añadir elección",
        election_candidate: "añadir candidato",
        election_withdraw: "retirar candidato",
      },
    },
  },
  vi: {
    contacts: {
      formTitles: {
        committee: "ủy ban",
        "agreement-publish": "đăng thỏa thuận",
        find: "tìm đoàn viên",
        revoke: "kết thúc quyền xem",
        "seat-add": "thêm ghế",
        "seat-end": "kết thúc ghế",
        election_add: "thêm cuộc bầu cử",
        election_candidate: "thêm ứng viên",
        election_withdraw: "rút ứng viên",
      },
    },
  },
  "zh-Hans": {
    contacts: {
      formTitles: {
        committee: "委员会",
        "agreement-publish": "发布协议",
        find: "查找会员",
        revoke: "结束授权",
        "seat-add": "添加席位",
        "seat-end": "结束席位",
        election_add: "添加选举",
        election_candidate: "添加候选人",
        election_withdraw: "撤下候选人",
      },
    },
  },
  ru: {
    contacts: {
      formTitles: {
        committee: "комитет",
        "agreement-publish": "новое соглашение",
        find: "найти члена",
        revoke: "закрыть доступ",
        "seat-add": "добавить место",
        "seat-end": "завершить место",
        election_add: "добавить выборы",
        election_candidate: "добавить кандидата",
        election_withdraw: "снять кандидата",
      },
    },
  },
};
