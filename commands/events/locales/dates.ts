// Events — the "when" and "places" fields: what works, and a message for each kind of mistake, in
// every language (merged over the area's files).
import type { Strings } from "../../core/i18n.ts";

export const dates: Record<string, Strings> = {
  en: {
    event: {
      create: {
        when: {
          hint: "For example {{iso}} or {{named}}. Without an end time it lasts an hour.",
          format: "We couldn't read “{{text}}” as a date and time. Write it like {{iso}}, {{us}} or {{named}} ({{zone}} time).",
          impossible: "“{{text}}” is not a real date or time: check the day, the month and the hour. For example: {{iso}}.",
          endBeforeStart: "The end is before the start. Put the end after the start, like {{iso}}. For an event that ends the next day, write both days: {{overnight}}.",
          past: "{{when}} has already passed. Pick a time in the future, like {{iso}}.",
          deadlineFormat: "We couldn't read “{{text}}” as a date. Write it like {{deadline}} or {{usDeadline}}.",
        },
        capacityNumber: "“{{text}}” is not a number. Write a number, like 10, or leave it empty for no limit.",
        capacityRange: "Write a number from 1 to 100,000, or leave it empty for no limit.",
      },
    },
  },
  es: {
    event: {
      create: {
        when: {
          hint: "Por ejemplo {{iso}} o {{named}}. Sin hora de fin dura una hora.",
          format: "No pudimos leer «{{text}}» como fecha y hora. Escríbala así: {{iso}}, {{us}} o {{named}} (hora de {{zone}}).",
          impossible: "«{{text}}» no es una fecha u hora que exista: revise el día, el mes y la hora. Por ejemplo: {{iso}}.",
          endBeforeStart: "El final es antes del inicio. Ponga el final después del inicio, como {{iso}}. Si el evento termina al día siguiente, escriba los dos días: {{overnight}}.",
          past: "{{when}} ya pasó. Elija una hora en el futuro, como {{iso}}.",
          deadlineFormat: "No pudimos leer «{{text}}» como fecha. Escríbala así: {{deadline}} o {{usDeadline}}.",
        },
        capacityNumber: "«{{text}}» no es un número. Escriba un número, como 10, o déjelo vacío si no hay límite.",
        capacityRange: "Escriba un número del 1 al 100,000, o déjelo vacío si no hay límite.",
      },
    },
  },
  vi: {
    event: {
      create: {
        when: {
          hint: "Ví dụ {{iso}} hoặc {{named}}. Không ghi giờ kết thúc thì kéo dài một giờ.",
          format: "Chúng tôi không đọc được “{{text}}” là ngày giờ. Hãy viết như {{iso}}, {{us}} hoặc {{named}} (giờ {{zone}}).",
          impossible: "“{{text}}” không phải là ngày hoặc giờ có thật: hãy kiểm tra ngày, tháng và giờ. Ví dụ: {{iso}}.",
          endBeforeStart: "Giờ kết thúc ở trước giờ bắt đầu. Hãy ghi giờ kết thúc sau giờ bắt đầu, như {{iso}}. Sự kiện kết thúc vào hôm sau thì ghi cả hai ngày: {{overnight}}.",
          past: "{{when}} đã qua rồi. Hãy chọn một thời điểm trong tương lai, như {{iso}}.",
          deadlineFormat: "Chúng tôi không đọc được “{{text}}” là ngày. Hãy viết như {{deadline}} hoặc {{usDeadline}}.",
        },
        capacityNumber: "“{{text}}” không phải là số. Hãy viết bằng chữ số, như 10, hoặc để trống nếu không giới hạn.",
        capacityRange: "Hãy viết một số từ 1 đến 100.000, hoặc để trống nếu không giới hạn.",
      },
    },
  },
  "zh-Hans": {
    event: {
      create: {
        when: {
          hint: "例如 {{iso}} 或 {{named}}。不写结束时间则为一小时。",
          format: "无法把“{{text}}”读成日期和时间。请这样写：{{iso}}、{{us}} 或 {{named}}（{{zone}} 时间）。",
          impossible: "“{{text}}”不是真实存在的日期或时间：请检查日、月和小时。例如：{{iso}}。",
          endBeforeStart: "结束时间早于开始时间。请把结束时间写在开始之后，例如 {{iso}}。如果活动到第二天才结束，请写上两个日期：{{overnight}}。",
          past: "{{when}} 已经过去了。请选择将来的时间，例如 {{iso}}。",
          deadlineFormat: "无法把“{{text}}”读成日期。请这样写：{{deadline}} 或 {{usDeadline}}。",
        },
        capacityNumber: "“{{text}}”不是数字。请用数字填写，例如 10；不限人数请留空。",
        capacityRange: "请填写 1 到 100,000 之间的数字；不限人数请留空。",
      },
    },
  },
  ru: {
    event: {
      create: {
        when: {
          hint: "Например: {{iso}} или {{named}}. Без времени окончания — один час.",
          format: "Не удалось прочитать «{{text}}» как дату и время. Напишите так: {{iso}}, {{us}} или {{named}} (время {{zone}}).",
          impossible: "«{{text}}» — такой даты или времени не бывает: проверьте день, месяц и час. Например: {{iso}}.",
          endBeforeStart: "Окончание раньше начала. Укажите окончание после начала, например {{iso}}. Если мероприятие заканчивается на следующий день, укажите обе даты: {{overnight}}.",
          past: "{{when}} уже прошло. Выберите время в будущем, например {{iso}}.",
          deadlineFormat: "Не удалось прочитать «{{text}}» как дату. Напишите так: {{deadline}} или {{usDeadline}}.",
        },
        capacityNumber: "«{{text}}» — не число. Напишите цифрами, например 10, или оставьте пустым, если мест без ограничения.",
        capacityRange: "Напишите число от 1 до 100 000 или оставьте пустым, если мест без ограничения.",
      },
    },
  },
};
