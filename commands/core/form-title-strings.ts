// Each area's name in every language, for form titles ("Informes: ejecutar"), and how the title
// joins area and action (Chinese with a full-width colon).
import type { Strings } from "./i18n.ts";

const area = (names: [string, string, string, string, string, string, string, string, string, string]) => {
  const keys = ["unionhall", "contacts", "grievance", "kb", "rebate", "report", "project", "training", "handoff", "event"];
  return Object.fromEntries(keys.map((k, i) => [k, names[i]!]));
};

export const formTitleStrings: Record<string, Strings> = {
  en: { core: { formTitle: "{{area}}: {{action}}", areaTitles: area(["Settings", "Contacts", "Grievances", "Documents", "Rebates", "Reports", "IT project", "Training", "Handoff", "Events"]) } },
  es: { core: { formTitle: "{{area}}: {{action}}", areaTitles: area(["Ajustes", "Contactos", "Quejas", "Documentos", "Devoluciones", "Informes", "Proyecto TI", "Capacitación", "Traspaso", "Eventos"]) } },
  vi: { core: { formTitle: "{{area}}: {{action}}", areaTitles: area(["Cài đặt", "Liên hệ", "Khiếu nại", "Tài liệu", "Hoàn phí", "Báo cáo", "Dự án CNTT", "Đào tạo", "Bàn giao", "Sự kiện"]) } },
  "zh-Hans": { core: { formTitle: "{{area}}：{{action}}", areaTitles: area(["设置", "联系人", "申诉", "文件", "返还款", "报告", "IT 项目", "培训", "交接", "活动"]) } },
  ru: { core: { formTitle: "{{area}}: {{action}}", areaTitles: area(["Настройки", "Контакты", "Жалобы", "Документы", "Возврат взносов", "Отчёты", "ИТ-проект", "Обучение", "Передача дел", "Мероприятия"]) } },
};
