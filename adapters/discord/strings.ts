// The few words the Discord adapter adds around the core's replies (who decided, form problems),
// in every language the bot speaks. Through the core's translator factory, so `interaction.locale`
// picks the language like elsewhere.
import { createTranslator, type Strings, type Translate } from "../../commands/core/i18n.ts";

export const discordStrings: Record<string, Strings> = {
  en: {
    discord: {
      decidedBy: "Decided by {{user}} {{when}}",
      fixForm: "That form wasn't sent: please correct these and submit again. Nothing was changed.",
      reopen: "Correct the form",
      openForm: "Open the form",
      truncated: "The full reply is in the attached file.",
      formTooBig: "This form doesn't fit in a Discord dialog. Run the command with its options instead: {{usage}}",
      unexpected: "Something went wrong on my side and nothing was changed. Please try again.",
      modalGone: "This form is no longer open. Please run the command again.",
    },
  },
  es: {
    discord: {
      decidedBy: "Decidido por {{user}} {{when}}",
      fixForm: "Ese formulario no se envió: corrija esto y envíelo otra vez. No se cambió nada.",
      reopen: "Corregir el formulario",
      openForm: "Abrir el formulario",
      truncated: "La respuesta completa está en el archivo adjunto.",
      formTooBig: "Este formulario no cabe en una ventana de Discord. Use el comando con sus opciones: {{usage}}",
      unexpected: "Algo falló de mi lado y no se cambió nada. Por favor, intente otra vez.",
      modalGone: "Este formulario ya no está abierto. Por favor, use el comando otra vez.",
    },
  },
  vi: {
    discord: {
      decidedBy: "{{user}} đã quyết định {{when}}",
      fixForm: "Biểu mẫu chưa được gửi: hãy sửa những chỗ này rồi gửi lại. Không có gì thay đổi.",
      reopen: "Sửa biểu mẫu",
      openForm: "Mở biểu mẫu",
      truncated: "Toàn bộ câu trả lời nằm trong tệp đính kèm.",
      formTooBig: "Biểu mẫu này không vừa hộp thoại Discord. Hãy chạy lệnh kèm các tùy chọn: {{usage}}",
      unexpected: "Có lỗi ở phía tôi và không có gì thay đổi. Vui lòng thử lại.",
      modalGone: "Biểu mẫu này không còn mở. Vui lòng chạy lại lệnh.",
    },
  },
  "zh-Hans": {
    discord: {
      decidedBy: "由 {{user}} 决定 {{when}}",
      fixForm: "表单没有发送：请改正以下内容后重新提交。没有做任何更改。",
      reopen: "修改表单",
      openForm: "打开表单",
      truncated: "完整答复在附件里。",
      formTooBig: "这个表单放不进 Discord 对话框。请带上选项运行命令：{{usage}}",
      unexpected: "我这边出了问题，没有做任何更改。请再试一次。",
      modalGone: "这个表单已经关闭。请重新运行命令。",
    },
  },
  ru: {
    discord: {
      decidedBy: "Решение: {{user}} {{when}}",
      fixForm: "Форма не отправлена: исправьте это и отправьте снова. Ничего не изменено.",
      reopen: "Исправить форму",
      openForm: "Открыть форму",
      truncated: "Полный ответ — во вложенном файле.",
      formTooBig: "Эта форма не помещается в окно Discord. Выполните команду с параметрами: {{usage}}",
      unexpected: "У меня что-то пошло не так, ничего не изменено. Попробуйте ещё раз.",
      modalGone: "Эта форма уже закрыта. Пожалуйста, выполните команду ещё раз.",
    },
  },
};

const translator = createTranslator([discordStrings]);

export function discordT(locale: string | undefined): Translate {
  return translator.forLocale(locale);
}
