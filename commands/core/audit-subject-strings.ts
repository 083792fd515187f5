// What an audit entry was about, in every language, when it was not a person (a person is named):
// "the grant #4", "sub-local SL-083". Used where a sentence says {{subject}} and by the sentence for
// actions an older version wrote. {{id}} is the number or code of the thing.
import type { Strings } from "./i18n.ts";

type Five = readonly [en: string, es: string, vi: string, zhHans: string, ru: string];

const SUBJECTS = {
  agreement: ["member-data agreement {{id}}", "acuerdo sobre datos de miembros {{id}}", "thỏa thuận dữ liệu đoàn viên {{id}}", "会员资料协议 {{id}}", "соглашение о данных членов {{id}}"],
  channel: ["channel {{id}}", "canal {{id}}", "kênh {{id}}", "频道 {{id}}", "канал {{id}}"],
  committee: ["committee {{id}}", "comité {{id}}", "ủy ban {{id}}", "委员会 {{id}}", "комитет {{id}}"],
  contact_request: ["contact request #{{id}}", "solicitud de contactos n.º {{id}}", "yêu cầu thông tin liên lạc số {{id}}", "联系方式申请 #{{id}}", "запрос контактов № {{id}}"],
  event: ["event #{{id}}", "evento n.º {{id}}", "sự kiện số {{id}}", "活动 #{{id}}", "мероприятие № {{id}}"],
  grant: ["access grant #{{id}}", "permiso de acceso n.º {{id}}", "quyền truy cập số {{id}}", "访问授权 #{{id}}", "разрешение на доступ № {{id}}"],
  grievanceContract: ["contract {{id}} (grievance deadlines)", "contrato {{id}} (plazos de quejas)", "hợp đồng {{id}} (thời hạn khiếu nại)", "合同 {{id}}（申诉期限）", "договор {{id}} (сроки жалоб)"],
  grievance: ["grievance {{id}}", "queja {{id}}", "khiếu nại {{id}}", "申诉 {{id}}", "жалоба {{id}}"],
  handoff_note: ["handoff note #{{id}}", "nota de traspaso n.º {{id}}", "ghi chú bàn giao số {{id}}", "交接备注 #{{id}}", "заметка для преемника № {{id}}"],
  holiday: ["holiday {{id}}", "día festivo {{id}}", "ngày lễ {{id}}", "假日 {{id}}", "праздник {{id}}"],
  job: ["scheduled message #{{id}}", "mensaje programado n.º {{id}}", "tin nhắn đã hẹn giờ số {{id}}", "定时消息 #{{id}}", "запланированное сообщение № {{id}}"],
  kb_document: ["knowledge-base document #{{id}}", "documento de la base de conocimientos n.º {{id}}", "tài liệu trong kho kiến thức số {{id}}", "知识库文档 #{{id}}", "документ базы знаний № {{id}}"],
  officer_election: ["officer election #{{id}}", "elección de funcionarios n.º {{id}}", "cuộc bầu cán bộ số {{id}}", "干部选举 #{{id}}", "выборы руководства № {{id}}"],
  project_milestone: ["project milestone #{{id}}", "etapa del proyecto n.º {{id}}", "mốc dự án số {{id}}", "项目里程碑 #{{id}}", "этап проекта № {{id}}"],
  project_question: ["question about the project #{{id}}", "pregunta sobre el proyecto n.º {{id}}", "câu hỏi về dự án số {{id}}", "关于项目的问题 #{{id}}", "вопрос о проекте № {{id}}"],
  project_update: ["project update #{{id}}", "novedad del proyecto n.º {{id}}", "tin cập nhật dự án số {{id}}", "项目进展 #{{id}}", "новость проекта № {{id}}"],
  rebate_dispute: ["rebate dispute #{{id}}", "disputa de devolución de cuotas n.º {{id}}", "tranh chấp về hoàn phí số {{id}}", "返还款异议 #{{id}}", "спор о возврате взносов № {{id}}"],
  rebate_entry: ["rebate ledger entry #{{id}}", "registro de devolución de cuotas n.º {{id}}", "khoản ghi hoàn phí số {{id}}", "返还款记录 #{{id}}", "запись о возврате взносов № {{id}}"],
  rebate_request: ["rebate payment request #{{id}}", "solicitud de pago de devolución de cuotas n.º {{id}}", "yêu cầu chi hoàn phí số {{id}}", "返还款付款申请 #{{id}}", "заявка на выплату из возврата взносов № {{id}}"],
  rebate_statement: ["rebate statement #{{id}}", "estado de cuenta de devolución de cuotas n.º {{id}}", "bản sao kê hoàn phí số {{id}}", "返还款对账单 #{{id}}", "выписка по возврату взносов № {{id}}"],
  sublocal: ["sub-local {{id}}", "sublocal {{id}}", "chi hội {{id}}", "分会 {{id}}", "отделение {{id}}"],
  training_certificate: ["training certificate {{id}}", "certificado de capacitación {{id}}", "chứng nhận tập huấn {{id}}", "培训证书 {{id}}", "сертификат об обучении {{id}}"],
  training_module: ["training module {{id}}", "módulo de capacitación {{id}}", "bài tập huấn {{id}}", "培训单元 {{id}}", "учебный модуль {{id}}"],
  vendor_export: ["vendor export #{{id}}", "exportación para proveedor n.º {{id}}", "bản xuất cho nhà cung cấp số {{id}}", "供应商导出 #{{id}}", "выгрузка для подрядчика № {{id}}"],
} as const satisfies Record<string, Five>;

export type AuditSubjectType = keyof typeof SUBJECTS;

/** Whether the log has words for this kind of subject. */
export function isAuditSubjectType(type: string): type is AuditSubjectType {
  return Object.hasOwn(SUBJECTS, type);
}

const LANGUAGES = ["en", "es", "vi", "zh-Hans", "ru"] as const;

/** The words as each language's bundle: `core.auditLog.subjects.<type>`. */
export const auditSubjectStrings: Record<string, Strings> = Object.fromEntries(
  LANGUAGES.map((lng, i) => [lng, { core: { auditLog: { subjects: Object.fromEntries(Object.entries(SUBJECTS).map(([type, five]) => [type, five[i]!])) } } }]),
);
