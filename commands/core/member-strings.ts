// The core's strings for naming a member in a command (by member number or chat mention), in every
// language the bot speaks.
import type { Strings } from "./i18n.ts";

export const memberStrings: Record<string, Strings> = {
  en: { core: { member: { notFound: "I couldn't find member {{ref}}.", userNotLinked: "That person's chat account isn't linked to a member record yet." } } },
  es: { core: { member: { notFound: "No encontré al miembro {{ref}}.", userNotLinked: "La cuenta de chat de esa persona todavía no está vinculada a un registro de miembro." } } },
  vi: { core: { member: { notFound: "Tôi không tìm thấy đoàn viên {{ref}}.", userNotLinked: "Tài khoản chat của người đó chưa được liên kết với hồ sơ đoàn viên." } } },
  "zh-Hans": { core: { member: { notFound: "找不到会员 {{ref}}。", userNotLinked: "此人的聊天账号还没有与会员记录关联。" } } },
  ru: { core: { member: { notFound: "Я не нашёл члена профсоюза {{ref}}.", userNotLinked: "Аккаунт этого человека в чате ещё не связан с записью члена профсоюза." } } },
};
