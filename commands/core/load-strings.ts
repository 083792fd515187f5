// The core's strings for load: the queue cannot answer in time (with when to try again), a person sends too fast, a message too long
// for the platform continues in a file or a list is cut short. In every language the bot speaks.
import type { Strings } from "./i18n.ts";

export const loadStrings: Record<string, Strings> = {
  en: {
    core: {
      load: {
        workingTitle: "Working…",
        sentToDm: "📬 I sent this to our direct messages, with {{files}}, so the file stays with its message and only you see it.",
        filesMissing: "I couldn't attach {{files}}: Slack refused the upload, even after I tried again. Everything else went through. Ask again in a few minutes to get the file.",
        working: "Working on it. This can take a few seconds; you can close this window, and the answer will also come as a message.",
        fixAndSend: "Please fix this and send again:",
        clickGone: "That button no longer works (the message is old or was replaced). Nothing was changed. Please run the command again.",
        busySeconds_one: "I'm very busy right now and couldn't take that. Nothing was changed. Please try again in {{count}} second.",
        busySeconds_other: "I'm very busy right now and couldn't take that. Nothing was changed. Please try again in {{count}} seconds.",
        busyMinutes_one: "I'm very busy right now and couldn't take that. Nothing was changed. Please try again in {{count}} minute.",
        busyMinutes_other: "I'm very busy right now and couldn't take that. Nothing was changed. Please try again in {{count}} minutes.",
        slowDown: "You're sending requests faster than I can take them. Nothing was changed. Please wait a few seconds and try again.",
        continuedInFile: "This answer is too long for one message; the full text is in the attached file {{name}}.",
        more_one: "…and {{count}} more (too many to show here).",
        more_other: "…and {{count}} more (too many to show here).",
      },
    },
  },
  es: {
    core: {
      load: {
        workingTitle: "Procesando…",
        sentToDm: "📬 Le envié esto a nuestros mensajes directos, con {{files}}, para que el archivo quede junto a su mensaje y solo usted lo vea.",
        filesMissing: "No pude adjuntar {{files}}: Slack rechazó la subida, incluso después de volver a intentarlo. Todo lo demás se hizo. Vuelva a pedirlo en unos minutos para recibir el archivo.",
        working: "Estoy en ello. Puede tardar unos segundos; puede cerrar esta ventana y la respuesta también llegará como mensaje.",
        fixAndSend: "Corrija esto y envíe de nuevo:",
        clickGone: "Ese botón ya no funciona (el mensaje es antiguo o fue reemplazado). No se cambió nada. Vuelva a ejecutar el comando.",
        busySeconds_one: "Ahora mismo estoy muy ocupado y no pude atender eso. No se cambió nada. Inténtelo de nuevo en {{count}} segundo.",
        busySeconds_other: "Ahora mismo estoy muy ocupado y no pude atender eso. No se cambió nada. Inténtelo de nuevo en {{count}} segundos.",
        busyMinutes_one: "Ahora mismo estoy muy ocupado y no pude atender eso. No se cambió nada. Inténtelo de nuevo en {{count}} minuto.",
        busyMinutes_other: "Ahora mismo estoy muy ocupado y no pude atender eso. No se cambió nada. Inténtelo de nuevo en {{count}} minutos.",
        slowDown: "Está enviando solicitudes más rápido de lo que puedo atenderlas. No se cambió nada. Espere unos segundos e inténtelo de nuevo.",
        continuedInFile: "Esta respuesta es demasiado larga para un solo mensaje; el texto completo está en el archivo adjunto {{name}}.",
        more_one: "…y {{count}} más (demasiados para mostrarlos aquí).",
        more_other: "…y {{count}} más (demasiados para mostrarlos aquí).",
      },
    },
  },
  vi: {
    core: {
      load: {
        workingTitle: "Đang xử lý…",
        sentToDm: "📬 Tôi đã gửi nội dung này vào tin nhắn riêng của chúng ta, kèm {{files}}, để tệp đi cùng tin nhắn và chỉ bạn thấy.",
        filesMissing: "Tôi không đính kèm được {{files}}: Slack từ chối tải lên, kể cả khi tôi đã thử lại. Mọi thứ khác đã hoàn tất. Hãy yêu cầu lại sau vài phút để nhận tệp.",
        working: "Đang xử lý. Việc này có thể mất vài giây; bạn có thể đóng cửa sổ này, câu trả lời cũng sẽ được gửi thành tin nhắn.",
        fixAndSend: "Vui lòng sửa mục này rồi gửi lại:",
        clickGone: "Nút đó không còn hoạt động (tin nhắn đã cũ hoặc đã được thay thế). Không có gì bị thay đổi. Vui lòng chạy lại lệnh.",
        busySeconds_other: "Hiện tôi đang rất bận nên chưa nhận được yêu cầu này. Chưa có gì thay đổi. Vui lòng thử lại sau {{count}} giây.",
        busyMinutes_other: "Hiện tôi đang rất bận nên chưa nhận được yêu cầu này. Chưa có gì thay đổi. Vui lòng thử lại sau {{count}} phút.",
        slowDown: "Bạn đang gửi yêu cầu nhanh hơn tôi có thể xử lý. Chưa có gì thay đổi. Vui lòng đợi vài giây rồi thử lại.",
        continuedInFile: "Câu trả lời này quá dài cho một tin nhắn; toàn bộ nội dung nằm trong tệp đính kèm {{name}}.",
        more_other: "…và thêm {{count}} mục nữa (quá nhiều để hiện ở đây).",
      },
    },
  },
  "zh-Hans": {
    core: {
      load: {
        workingTitle: "正在处理…",
        sentToDm: "📬 我已把这条内容连同 {{files}} 发到我们的私信里，这样文件和消息在一起，也只有您能看到。",
        filesMissing: "我无法附上 {{files}}：即使重试后 Slack 仍拒绝了上传。其他内容都已完成。请过几分钟再请求一次以获取文件。",
        working: "正在处理，可能需要几秒钟；您可以关闭此窗口，答复也会以消息形式发送。",
        fixAndSend: "请修改以下内容后重新提交：",
        clickGone: "该按钮已失效（消息已过期或已被替换）。没有任何更改。请重新运行命令。",
        busySeconds_other: "我现在太忙，没能处理这个请求。什么都没有改变。请 {{count}} 秒后再试。",
        busyMinutes_other: "我现在太忙，没能处理这个请求。什么都没有改变。请 {{count}} 分钟后再试。",
        slowDown: "您发送请求的速度超过了我的处理能力。什么都没有改变。请等几秒钟再试。",
        continuedInFile: "这个回答太长，一条消息放不下；完整内容在附件 {{name}} 中。",
        more_other: "……还有 {{count}} 项（太多，这里显示不下）。",
      },
    },
  },
  ru: {
    core: {
      load: {
        workingTitle: "Обработка…",
        sentToDm: "📬 Я отправил это в наши личные сообщения вместе с {{files}}, чтобы файл был рядом со своим сообщением и виден только вам.",
        filesMissing: "Я не смог прикрепить {{files}}: Slack отклонил загрузку даже после повторной попытки. Всё остальное выполнено. Запросите снова через несколько минут, чтобы получить файл.",
        working: "Обрабатываю. Это может занять несколько секунд; окно можно закрыть, ответ также придёт сообщением.",
        fixAndSend: "Исправьте это и отправьте снова:",
        clickGone: "Эта кнопка больше не работает (сообщение устарело или было заменено). Ничего не изменено. Выполните команду ещё раз.",
        busySeconds_one: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} секунду.",
        busySeconds_few: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} секунды.",
        busySeconds_many: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} секунд.",
        busySeconds_other: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} секунды.",
        busyMinutes_one: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} минуту.",
        busyMinutes_few: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} минуты.",
        busyMinutes_many: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} минут.",
        busyMinutes_other: "Сейчас я очень занят и не смог принять этот запрос. Ничего не изменилось. Попробуйте ещё раз через {{count}} минуты.",
        slowDown: "Вы отправляете запросы быстрее, чем я успеваю их принимать. Ничего не изменилось. Подождите несколько секунд и попробуйте снова.",
        continuedInFile: "Этот ответ слишком длинный для одного сообщения; полный текст — в приложенном файле {{name}}.",
        more_one: "…и ещё {{count}} (слишком много, чтобы показать здесь).",
        more_few: "…и ещё {{count}} (слишком много, чтобы показать здесь).",
        more_many: "…и ещё {{count}} (слишком много, чтобы показать здесь).",
        more_other: "…и ещё {{count}} (слишком много, чтобы показать здесь).",
      },
    },
  },
};
