// The contacts part of a sub-local's handoff packet: how many members and fee payers it has and how much access
// to their contacts is open now. Numbers only: no names, no contact details.
import { contactFigures } from "../../db/handoff.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx } from "../core/command.ts";
import type { Strings } from "../core/i18n.ts";
import { reply } from "../core/reply.ts";
import { countText } from "../core/disclosure.ts";
import { readyMemberCells } from "../core/member-cells.ts";

export async function contactsHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): Promise<HandoffSection> {
  const now = ctx.clock.now();
  const today = ctx.fmt.localDay(now);
  // The membership cells, rebuilt off the event loop when the records moved on, as for every report.
  const cells = await readyMemberCells(ctx.store, { now, today, timeZone: ctx.fmt.timeZone });
  const f = await contactFigures(ctx.store, sl, now, today, cells);
  const title = ctx.t("contacts.handoff.title", { code: sl.code });
  const fields = [
    // A count of people, published like every other (commands/core/disclosure.ts): the same figure the membership report shows.
    { label: ctx.t("contacts.handoff.members"), value: countText(f.members, ctx.t, ctx.fmt) },
    // Fee payers are represented but are not members: counted apart, as the membership report does.
    { label: ctx.t("contacts.handoff.feePayers"), value: countText(f.feePayers, ctx.t, ctx.fmt) },
    { label: ctx.t("contacts.handoff.activeGrants"), value: ctx.fmt.number(f.activeGrants) },
    { label: ctx.t("contacts.handoff.pendingRequests"), value: ctx.fmt.number(f.pendingRequests) },
  ];
  const note = ctx.t("contacts.handoff.note");
  const markdown = [`## ${title}`, "", ...fields.map((x) => `- ${x.label}: ${x.value}`), "", note, ""].join("\n");
  return { area: "contacts", title, blocks: [reply.section(title, fields), reply.context(note)], markdown };
}

/** This section's texts in the five languages, merged into the area's strings. */
export const contactsHandoffStrings: Record<string, Strings> = {
  en: { contacts: { handoff: { title: "Members and contact access in {{code}}", members: "Members", feePayers: "Fee payers (not members)", activeGrants: "Contact access open now", pendingRequests: "Requests waiting for a decision", note: "Access to member contacts needs the confidentiality agreement and an approved request: /contacts agreement." } } },
  es: { contacts: { handoff: { title: "Miembros y acceso a contactos en {{code}}", members: "Miembros", feePayers: "Pagadores de cuota (no miembros)", activeGrants: "Accesos a contactos abiertos ahora", pendingRequests: "Solicitudes esperando decisión", note: "El acceso a los contactos de los miembros necesita el acuerdo de confidencialidad y una solicitud aprobada: /contacts agreement." } } },
  vi: { contacts: { handoff: { title: "Đoàn viên và quyền xem liên lạc ở {{code}}", members: "Đoàn viên", feePayers: "Người đóng phí (không phải đoàn viên)", activeGrants: "Quyền xem liên lạc đang mở", pendingRequests: "Yêu cầu đang chờ quyết định", note: "Muốn xem liên lạc của đoàn viên cần ký thỏa thuận bảo mật và có yêu cầu được duyệt: /contacts agreement." } } },
  "zh-Hans": { contacts: { handoff: { title: "{{code}} 的会员与联系方式访问", members: "会员", feePayers: "缴费人（非会员）", activeGrants: "目前开放的联系方式访问", pendingRequests: "等待决定的申请", note: "访问会员联系方式需要签署保密协议并获得批准：/contacts agreement。" } } },
  ru: { contacts: { handoff: { title: "Члены и доступ к контактам в {{code}}", members: "Члены профсоюза", feePayers: "Плательщики взноса (не члены профсоюза)", activeGrants: "Открытый сейчас доступ к контактам", pendingRequests: "Запросы, ждущие решения", note: "Доступ к контактам членов профсоюза — только после соглашения о конфиденциальности и одобренного запроса: /contacts agreement." } } },
};
