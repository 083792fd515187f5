// Events — `/event list` in pages: each upcoming date (every date of a repeating event) with its
// own answer counts, in every language (merged over the area's files).
import type { Strings } from "../../core/i18n.ts";

export const listStrings: Record<string, Strings> = {
  en: {
    event: {
      list: {
        showing: "Upcoming events: {{from}}–{{to}} of {{count}}",
        next: "Next {{count}}",
        previous: "Previous",
        pageOf: "Page {{page}} of {{pages}}.",
        seriesNote: "🔁 A date of a repeating event: each date has its own answers. To answer for every date: /event rsvp NUMBER going all",
      },
    },
  },
  es: {
    event: {
      list: {
        showing: "Próximos eventos: {{from}}–{{to}} de {{count}}",
        next: "Siguientes {{count}}",
        previous: "Anteriores",
        pageOf: "Página {{page}} de {{pages}}.",
        seriesNote: "🔁 Una fecha de un evento que se repite: cada fecha tiene sus propias respuestas. Para responder para todas las fechas: /event rsvp NÚMERO going all",
      },
    },
  },
  vi: {
    event: {
      list: {
        showing: "Sự kiện sắp tới: {{from}}–{{to}} trên {{count}}",
        next: "{{count}} mục tiếp",
        previous: "Trước",
        pageOf: "Trang {{page}} trên {{pages}}.",
        seriesNote: "🔁 Một ngày của sự kiện lặp lại: mỗi ngày có câu trả lời riêng. Để trả lời cho mọi ngày: /event rsvp SỐ going all",
      },
    },
  },
  "zh-Hans": {
    event: {
      list: {
        showing: "即将举行的活动：第 {{from}}–{{to}} 个，共 {{count}} 个",
        next: "后 {{count}} 个",
        previous: "上一页",
        pageOf: "第 {{page}} 页，共 {{pages}} 页。",
        seriesNote: "🔁 重复活动的一个日期：每个日期分别回复。要回复每个日期：/event rsvp 编号 going all",
      },
    },
  },
  ru: {
    event: {
      list: {
        showing: "Ближайшие события: {{from}}–{{to}} из {{count}}",
        next: "Следующие {{count}}",
        previous: "Назад",
        pageOf: "Страница {{page}} из {{pages}}.",
        seriesNote: "🔁 Дата повторяющегося события: у каждой даты свои ответы. Чтобы ответить на все даты: /event rsvp НОМЕР going all",
      },
    },
  },
};
