// The core's strings for what waits for a person (Home and the pending list), reminders caught
// up after downtime, the audit log written as sentences, and input too long to read, in every
// language the bot speaks.
import type { Strings } from "./i18n.ts";

export const attentionStrings: Record<string, Strings> = {
  en: {
    core: {
      errors: {
        tooLong: "That command is too long for me to read ({{length}} characters; at most {{max}}). Type the command alone to get a form, and put the long text in it.",
      },
      channels: {
        unknown: "I can't find the channel {{where}} here, so nothing was set. Check its name, or pick the channel from the list as you type #.",
      },
      auditLog: {
        entry: "#{{id}} · {{when}} — {{sentence}}.",
        person: "{{name}} (member {{number}})",
        unknownPerson: "person #{{id}}",
        system: "the system ({{actor}})",
        generic: "{{actor}}: {{action}} — {{subject}}",
        genericNoSubject: "{{actor}}: {{action}}",
        actions: {
          role_grant: "{{actor}} gave {{subject}} the role {{role}} ({{scope}})",
          role_revoke: "{{actor}} ended the role {{role}} ({{scope}}) of {{subject}}",
          audit_view: "{{actor}} looked at the audit log",
          reminder_schedule: "{{actor}} set a reminder ({{subject}})",
        },
      },
      late: {
        note: "Due {{when}}; sent late because the bot was not running then.",
        summaryTitle: "While the bot was down, these fell due for you ({{count}})",
        summarySince: "Due between {{from}} and {{to}}; each is shown as it stands now.",
        wasDue: "was due {{when}}",
        more: "Also due then ({{count}})",
      },
      pending: {
        more: "More waiting: /unionhall pending {{page}} shows page {{page}} of {{pages}}.",
        argPage: "Which page of the list (8 items a page)",
        description: "What waits for your decision (requests to approve), with the buttons to decide",
        title: "Waiting for your decision",
        since: "waiting since {{date}}",
        none: "Nothing waits for your decision right now.",
        failed: "Some of what waits for you could not be listed just now ({{areas}}). Please try again in a moment.",
      },
    },
  },
  es: {
    core: {
      errors: {
        tooLong: "Ese comando es demasiado largo para mí ({{length}} caracteres; como máximo {{max}}). Escriba el comando solo para abrir un formulario y ponga allí el texto largo.",
      },
      channels: {
        unknown: "No encuentro el canal {{where}} aquí, así que no se programó nada. Revise el nombre o elija el canal de la lista al escribir #.",
      },
      auditLog: {
        entry: "#{{id}} · {{when}} — {{sentence}}.",
        person: "{{name}} (miembro {{number}})",
        unknownPerson: "persona #{{id}}",
        system: "el sistema ({{actor}})",
        generic: "{{actor}}: {{action}} — {{subject}}",
        genericNoSubject: "{{actor}}: {{action}}",
        actions: {
          role_grant: "{{actor}} dio a {{subject}} el rol {{role}} ({{scope}})",
          role_revoke: "{{actor}} terminó el rol {{role}} ({{scope}}) de {{subject}}",
          audit_view: "{{actor}} consultó el registro de auditoría",
          reminder_schedule: "{{actor}} programó un recordatorio ({{subject}})",
        },
      },
      late: {
        note: "Vencía {{when}}; se envía tarde porque el bot no estaba funcionando entonces.",
        summaryTitle: "Mientras el bot estaba detenido, venció esto para usted ({{count}})",
        summarySince: "Vencieron entre {{from}} y {{to}}; cada uno se muestra como está ahora.",
        wasDue: "vencía {{when}}",
        more: "También vencieron entonces ({{count}})",
      },
      pending: {
        more: "Hay más esperando: /unionhall pending {{page}} muestra la página {{page}} de {{pages}}.",
        argPage: "Qué página de la lista (8 por página)",
        description: "Lo que espera su decisión (solicitudes por aprobar), con los botones para decidir",
        title: "Esperan su decisión",
        since: "esperando desde {{date}}",
        none: "Ahora mismo nada espera su decisión.",
        failed: "Algunas cosas que esperan su decisión no se pudieron mostrar ahora ({{areas}}). Inténtelo de nuevo en un momento.",
      },
    },
  },
  vi: {
    core: {
      errors: {
        tooLong: "Lệnh này quá dài ({{length}} ký tự; tối đa {{max}}). Hãy gõ riêng lệnh để mở biểu mẫu, rồi đặt đoạn văn dài vào đó.",
      },
      channels: {
        unknown: "Tôi không tìm thấy kênh {{where}} ở đây, nên chưa đặt gì cả. Hãy kiểm tra tên kênh, hoặc chọn kênh trong danh sách khi gõ #.",
      },
      auditLog: {
        entry: "#{{id}} · {{when}} — {{sentence}}.",
        person: "{{name}} (đoàn viên {{number}})",
        unknownPerson: "người #{{id}}",
        system: "hệ thống ({{actor}})",
        generic: "{{actor}}: {{action}} — {{subject}}",
        genericNoSubject: "{{actor}}: {{action}}",
        actions: {
          role_grant: "{{actor}} đã giao cho {{subject}} vai trò {{role}} ({{scope}})",
          role_revoke: "{{actor}} đã kết thúc vai trò {{role}} ({{scope}}) của {{subject}}",
          audit_view: "{{actor}} đã xem nhật ký kiểm tra",
          reminder_schedule: "{{actor}} đã đặt một lời nhắc ({{subject}})",
        },
      },
      late: {
        note: "Đến hạn {{when}}; gửi muộn vì lúc đó bot không hoạt động.",
        summaryTitle: "Trong lúc bot ngừng hoạt động, những việc này đã đến hạn với bạn ({{count}})",
        summarySince: "Đến hạn từ {{from}} đến {{to}}; mỗi mục được hiển thị theo tình trạng hiện nay.",
        wasDue: "đến hạn {{when}}",
        more: "Cũng đến hạn trong thời gian đó ({{count}})",
      },
      pending: {
        more: "Còn nhiều việc đang chờ: /unionhall pending {{page}} hiển thị trang {{page}} / {{pages}}.",
        argPage: "Trang nào của danh sách (8 mục mỗi trang)",
        description: "Những việc đang chờ bạn quyết định (yêu cầu cần duyệt), kèm nút để quyết định",
        title: "Đang chờ bạn quyết định",
        since: "đang chờ từ {{date}}",
        none: "Hiện không có gì chờ bạn quyết định.",
        failed: "Chưa thể hiển thị một số việc đang chờ bạn ({{areas}}). Vui lòng thử lại sau giây lát.",
      },
    },
  },
  "zh-Hans": {
    core: {
      errors: {
        tooLong: "这条命令太长了（{{length}} 个字符，最多 {{max}} 个）。请只输入命令本身来打开表单，再把长文字填进表单。",
      },
      channels: {
        unknown: "在这里找不到频道 {{where}}，因此没有设置任何内容。请检查名称，或在输入 # 时从列表中选择频道。",
      },
      auditLog: {
        entry: "#{{id}} · {{when}} — {{sentence}}。",
        person: "{{name}}（会员 {{number}}）",
        unknownPerson: "人员 #{{id}}",
        system: "系统（{{actor}}）",
        generic: "{{actor}}：{{action}} — {{subject}}",
        genericNoSubject: "{{actor}}：{{action}}",
        actions: {
          role_grant: "{{actor}} 授予 {{subject}} {{role}} 角色（{{scope}}）",
          role_revoke: "{{actor}} 结束了 {{subject}} 的 {{role}} 角色（{{scope}}）",
          audit_view: "{{actor}} 查看了审计日志",
          reminder_schedule: "{{actor}} 设置了一个提醒（{{subject}}）",
        },
      },
      late: {
        note: "原定于 {{when}}；因当时机器人未运行，现延迟发送。",
        summaryTitle: "机器人停止运行期间，以下事项已到期（{{count}}）",
        summarySince: "到期时间在 {{from}} 至 {{to}} 之间；每项均按目前情况显示。",
        wasDue: "原定于 {{when}}",
        more: "同期到期的其他事项（{{count}}）",
      },
      pending: {
        more: "还有更多待办：/unionhall pending {{page}} 显示第 {{page}} 页，共 {{pages}} 页。",
        argPage: "列表的第几页（每页 8 项）",
        description: "等待您决定的事项（待批准的申请），附带作出决定的按钮",
        title: "等待您决定的事项",
        since: "自 {{date}} 起等待",
        none: "目前没有等待您决定的事项。",
        failed: "暂时无法列出部分等待您决定的事项（{{areas}}）。请稍后再试。",
      },
    },
  },
  ru: {
    core: {
      errors: {
        tooLong: "Эта команда слишком длинная ({{length}} символов; не больше {{max}}). Введите только команду, чтобы открыть форму, и впишите длинный текст в неё.",
      },
      channels: {
        unknown: "Я не нашёл здесь канал {{where}}, поэтому ничего не установлено. Проверьте название или выберите канал из списка, набрав #.",
      },
      auditLog: {
        entry: "#{{id}} · {{when}} — {{sentence}}.",
        person: "{{name}} (член профсоюза {{number}})",
        unknownPerson: "человек #{{id}}",
        system: "система ({{actor}})",
        generic: "{{actor}}: {{action}} — {{subject}}",
        genericNoSubject: "{{actor}}: {{action}}",
        actions: {
          role_grant: "{{actor}} назначил(а) {{subject}} роль {{role}} ({{scope}})",
          role_revoke: "{{actor}} завершил(а) роль {{role}} ({{scope}}) у {{subject}}",
          audit_view: "{{actor}} просмотрел(а) журнал аудита",
          reminder_schedule: "{{actor}} установил(а) напоминание ({{subject}})",
        },
      },
      late: {
        note: "Срок был {{when}}; отправлено с опозданием, потому что бот тогда не работал.",
        summaryTitle: "Пока бот не работал, для вас наступили сроки ({{count}})",
        summarySince: "Сроки между {{from}} и {{to}}; каждое показано так, как обстоит дело сейчас.",
        wasDue: "срок был {{when}}",
        more: "Также наступили тогда ({{count}})",
      },
      pending: {
        more: "Ждёт ещё: /unionhall pending {{page}} покажет страницу {{page}} из {{pages}}.",
        argPage: "Какая страница списка (по 8 на странице)",
        description: "Что ждёт вашего решения (запросы на одобрение), с кнопками для решения",
        title: "Ждёт вашего решения",
        since: "ждёт с {{date}}",
        none: "Сейчас ничего не ждёт вашего решения.",
        failed: "Часть того, что ждёт вашего решения, сейчас не удалось показать ({{areas}}). Попробуйте ещё раз чуть позже.",
      },
    },
  },
};
