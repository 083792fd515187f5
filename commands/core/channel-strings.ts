// The core's strings for channels the bot cannot post in: refused when the channel is set up, and
// told privately to the person whose post failed later, in every language the bot speaks.
import type { Strings } from "./i18n.ts";

export const channelStrings: Record<string, Strings> = {
  en: {
    core: {
      channels: {
        notMember:
          "I'm not a member of {{where}} yet, so I can't post there and nothing was set. Invite me first: type /invite @unionhall in that channel, then try again. (Or your Slack admin can give the app the chat:write.public permission, so it can post in public channels without an invitation.)",
        noPermission:
          "I'm not allowed to post in {{where}}, so nothing was set. Ask a server admin to give the bot the View Channel and Send Messages permissions in that channel (Edit Channel → Permissions), then try again.",
        postFailedNotMember:
          "I couldn't post in {{where}}: I'm not a member of that channel (or it is gone). Invite me with /invite @unionhall in that channel, or ask your Slack admin to give the app chat:write.public. That post was not made.",
        postFailedNoPermission:
          "I couldn't post in {{where}}: I'm not allowed to post there. Ask a server admin to give the bot View Channel and Send Messages in that channel. That post was not made.",
      },
    },
  },
  es: {
    core: {
      channels: {
        notMember:
          "Todavía no soy miembro de {{where}}, así que no puedo publicar allí y no se configuró nada. Primero invíteme: escriba /invite @unionhall en ese canal y vuelva a intentarlo. (O la persona que administra Slack puede darle a la aplicación el permiso chat:write.public, para que publique en canales públicos sin invitación).",
        noPermission:
          "No tengo permiso para publicar en {{where}}, así que no se configuró nada. Pida a un administrador del servidor que le dé al bot los permisos Ver canal y Enviar mensajes en ese canal (Editar canal → Permisos) y vuelva a intentarlo.",
        postFailedNotMember:
          "No pude publicar en {{where}}: no soy miembro de ese canal (o ya no existe). Invíteme con /invite @unionhall en ese canal, o pida a quien administra Slack que le dé a la aplicación chat:write.public. Esa publicación no se hizo.",
        postFailedNoPermission:
          "No pude publicar en {{where}}: no tengo permiso para publicar allí. Pida a un administrador del servidor que le dé al bot Ver canal y Enviar mensajes en ese canal. Esa publicación no se hizo.",
      },
    },
  },
  vi: {
    core: {
      channels: {
        notMember:
          "Tôi chưa là thành viên của {{where}}, nên không thể đăng ở đó và chưa có gì được thiết lập. Hãy mời tôi trước: gõ /invite @unionhall trong kênh đó, rồi thử lại. (Hoặc quản trị viên Slack có thể cấp cho ứng dụng quyền chat:write.public để đăng trong kênh công khai mà không cần mời.)",
        noPermission:
          "Tôi không được phép đăng trong {{where}}, nên chưa có gì được thiết lập. Hãy nhờ quản trị viên máy chủ cấp cho bot quyền Xem kênh và Gửi tin nhắn trong kênh đó (Chỉnh sửa kênh → Quyền), rồi thử lại.",
        postFailedNotMember:
          "Tôi không đăng được trong {{where}}: tôi không phải thành viên của kênh đó (hoặc kênh không còn nữa). Hãy mời tôi bằng /invite @unionhall trong kênh đó, hoặc nhờ quản trị viên Slack cấp cho ứng dụng quyền chat:write.public. Bài đó chưa được đăng.",
        postFailedNoPermission:
          "Tôi không đăng được trong {{where}}: tôi không được phép đăng ở đó. Hãy nhờ quản trị viên máy chủ cấp cho bot quyền Xem kênh và Gửi tin nhắn trong kênh đó. Bài đó chưa được đăng.",
      },
    },
  },
  "zh-Hans": {
    core: {
      channels: {
        notMember:
          "我还不是 {{where}} 的成员，所以无法在那里发帖，什么也没有设置。请先邀请我：在该频道输入 /invite @unionhall，然后再试一次。（或者请 Slack 管理员给应用 chat:write.public 权限，这样无需邀请也能在公开频道发帖。）",
        noPermission:
          "我没有在 {{where}} 发帖的权限，所以什么也没有设置。请服务器管理员在该频道给机器人“查看频道”和“发送消息”权限（编辑频道 → 权限），然后再试一次。",
        postFailedNotMember:
          "我无法在 {{where}} 发帖：我不是该频道的成员（或频道已不存在）。请在该频道输入 /invite @unionhall 邀请我，或请 Slack 管理员给应用 chat:write.public 权限。那条消息没有发出。",
        postFailedNoPermission:
          "我无法在 {{where}} 发帖：我没有在那里发帖的权限。请服务器管理员在该频道给机器人“查看频道”和“发送消息”权限。那条消息没有发出。",
      },
    },
  },
  ru: {
    core: {
      channels: {
        notMember:
          "Я ещё не участник канала {{where}}, поэтому не могу туда писать, и ничего не настроено. Сначала пригласите меня: введите /invite @unionhall в этом канале и попробуйте снова. (Или администратор Slack может дать приложению право chat:write.public, чтобы оно писало в открытые каналы без приглашения.)",
        noPermission:
          "Мне нельзя писать в {{where}}, поэтому ничего не настроено. Попросите администратора сервера дать боту права «Просматривать канал» и «Отправлять сообщения» в этом канале (Настройки канала → Права доступа) и попробуйте снова.",
        postFailedNotMember:
          "Я не смог написать в {{where}}: я не участник этого канала (или его больше нет). Пригласите меня командой /invite @unionhall в этом канале или попросите администратора Slack дать приложению право chat:write.public. Это сообщение не отправлено.",
        postFailedNoPermission:
          "Я не смог написать в {{where}}: мне нельзя писать в этот канал. Попросите администратора сервера дать боту права «Просматривать канал» и «Отправлять сообщения» в этом канале. Это сообщение не отправлено.",
      },
    },
  },
};
